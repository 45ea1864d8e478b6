package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The 红塔区 城乡居民基本养老保险补助经费 2023 evaluation (seed 003_e18e2b0ba2e4a440, docs/rules.md seed figures) recorded
 * as events through the API at 1:100 with the report's ratios, and scored with the shipped rubric
 * {@code hongta-rural-pension-2023} version 2: 89 良, 领取对象审核精准性 4 of 10 from the cases the ledger found.
 *
 * <p>The year, by hand:
 * <ul>
 *   <li>plan 569 persons (56,891 ÷ 100), 12 payouts; 569 enrolled from 2023-01 and 6 more in each month from February
 *       to October (turning 60), 54 in all: 623 persons paid (62,331 ÷ 100), 发放人数完成率 623 ÷ 569 = 109.49%;</li>
 *   <li>基础养老金 175.00 元 a month (chosen so that the report's 0.56万 is 16 persons × 2 months: 5,600.00 元);</li>
 *   <li>16 persons overpaid, each for two months, 350.00 元 (the report's "缴费系统内无信息16人"): 6 deaths on
 *       2023-03-15 learned after May's payout (April, May), 5 服刑 from 2023-06-10 learned after August's (July,
 *       August), 5 duplicate claims of 职工养老 from 2023-09 to 2023-12 learned after October's (September, October);
 *       none of them is paid again for a month not due;</li>
 *   <li>82 丧葬补助 paid in November, 80 of 1,260.00 and 2 of 1,450.00 元 — 103,700.00 元, the report's 10.37万 — on
 *       deaths recorded after November's payout and then retracted as recorded in error: each grant is a
 *       {@code DUPLICATE_ONE_OFF} case of its amount (rule 13, {@code FUNERAL_GRANT_WITHOUT_DEATH}). That is the one
 *       path the API has to a duplicate grant found later: a second grant is rejected at posting
 *       ({@code DUPLICATE_ONE_OFF}), and the ledger records no fact "the family drew the 职工养老 funeral benefit
 *       instead", which is the report's actual reason. The 82 are paid again in December, as the living are;</li>
 *   <li>person-months paid: 569 × 12 − 6 × 7 (the dead, not paid June–December) − 5 × 4 (服刑: September–December)
 *       − 5 × 2 (duplicate claims: November, December) = 6,756, and the 54 who joined,
 *       6 × (11 + 10 + … + 3) = 378: 7,134 months × 175.00 = 1,248,450.00 元; with the grants, 1,352,150.00 元 spent
 *       in 7,216 lines (the grants are spending, not person-months);</li>
 *   <li>funds received 888,362.93 元 (spending × 9,064.31 ÷ 13,796.50857, the report's 下达资金 ÷ 实际支出), so 预算执行率
 *       is the report's 152.21%; thirteen batches, each disbursed on the 20th or 22nd, before the 25th.</li>
 * </ul>
 */
class HongtaSeedReproductionHttpTest extends HttpTestBase {

    private static final String RUBRIC = "hongta-rural-pension-2023";
    private static final String REGION = "530402";   // 玉溪市红塔区
    private static final String STANDARD = "175.00";
    private static final int PLANNED = 569;
    private static final int JOINING_PER_MONTH = 6;
    private static final List<Integer> DEATHS = IntStream.range(0, 6).boxed().toList();
    private static final List<Integer> JAILED = IntStream.range(6, 11).boxed().toList();
    private static final List<Integer> DUPLICATE_CLAIMS = IntStream.range(11, 16).boxed().toList();
    private static final List<Integer> GRANTS = IntStream.range(16, 98).boxed().toList();

    /** The report's 附件2: the scores of the items an evaluator scores by hand, with the report's reasons. */
    private static final Map<String, String[]> QUALITATIVE = Map.ofEntries(
            Map.entry("policyImplementation", new String[]{"5", "依据云政发〔2014〕20号决策"}),
            Map.entry("goalClarity", new String[]{"3", "绩效目标明确"}),
            Map.entry("indicatorReasonableness", new String[]{"3", "绩效指标清晰可衡量"}),
            Map.entry("planReasonableness", new String[]{"5", "实施方案完备"}),
            Map.entry("budgetingScience", new String[]{"3", "预算9064.31万元，实际支出13796.51万元，差异较大，扣1分"}),
            Map.entry("performanceManagement", new String[]{"2", "未开展绩效目标审核，未制定整改措施，扣2分"}),
            Map.entry("archives", new String[]{"3", "专人管理，分类清晰"}),
            Map.entry("fundsCompliance", new String[]{"4", "纳入财政专户，专款专用"}),
            Map.entry("accounting", new String[]{"4", "会计核算规范"}),
            Map.entry("operationCompliance", new String[]{"10", "缴费比例、基数、领取条件符合规定"}),
            Map.entry("fundingSustainability", new String[]{"5", "资金来源稳定"}));

    @Test
    void theHongta2023ProgramYearRecordedAsEventsScoresEightyNineGoodWithItsAccuracyFromTheCasesFound() {
        String code = ("HONGTA-CXJM-" + UUID.randomUUID().toString().substring(0, 8)).toUpperCase();
        post("admin", "/api/v1/programs", """
                {"code":"%s","name":"红塔区城乡居民基本养老保险","region":"%s","monthlyStandard":"%s","deadlineDay":25,\
                "reviewLevels":3,"certificationMonths":0}""".formatted(code, REGION, STANDARD)).expect(201);
        put("admin", "/api/v1/programs/" + code + "/plans/2023",
                "{\"plannedRecipients\":" + PLANNED + ",\"plannedPayouts\":12,\"budget\":\"888362.93\"}").expect(200);
        post("finance", "/api/v1/programs/" + code + "/funds",
                "{\"amount\":\"600000.00\",\"receivedOn\":\"2023-01-10\",\"reference\":\"中央资金第一批\"}").expect(201);
        post("finance", "/api/v1/programs/" + code + "/funds",
                "{\"amount\":\"288362.93\",\"receivedOn\":\"2023-07-10\",\"reference\":\"中央、省、市、区级资金\"}")
                .expect(201);
        enrolResidents(code, "2023-01", IntStream.range(0, PLANNED).boxed().toList());

        List<Integer> paid = new ArrayList<>(IntStream.range(0, PLANNED).boxed().toList());
        int next = PLANNED;
        for (int month = 1; month <= 12; month++) {
            if (month >= 2 && month <= 10) {
                List<Integer> joining = IntStream.range(next, next + JOINING_PER_MONTH).boxed().toList();
                enrolResidents(code, "2023-%02d".formatted(month), joining);
                paid.addAll(joining);
                next += JOINING_PER_MONTH;
            }
            payPension(code, month, paid);
            switch (month) {
                case 5 -> {   // the 殡葬 comparison finds 6 deaths of March: April and May overpaid
                    DEATHS.forEach(n -> assertTwoMonthsOverpaid(post("clerk", "/api/v1/recipients/" + id(n)
                            + "/deaths", "{\"dateOfDeath\":\"2023-03-15\",\"source\":\"殡葬\"}").expect(201),
                            "DEATH", "2023-04", "2023-05"));
                    paid.removeAll(DEATHS);
                }
                case 8 -> {   // 司法 comparison: 服刑 from June 10th — July and August overpaid
                    JAILED.forEach(n -> assertTwoMonthsOverpaid(post("inspector", "/api/v1/recipients/" + id(n)
                            + "/suspensions", "{\"kind\":\"IMPRISONMENT\",\"from\":\"2023-06-10\",\"source\":\"法院判决\"}")
                            .expect(201), "SUSPENSION", "2023-07", "2023-08"));
                    paid.removeAll(JAILED);
                }
                case 10 -> {   // 重复领取 comparison: 职工养老 from September on — September and October overpaid
                    DUPLICATE_CLAIMS.forEach(n -> assertTwoMonthsOverpaid(post("inspector", "/api/v1/recipients/"
                            + id(n) + "/duplicate-claims", "{\"program\":\"" + code
                            + "\",\"otherScheme\":\"职工养老\",\"from\":\"2023-09\",\"to\":\"2023-12\"}").expect(201),
                            "DUPLICATE_CLAIM", "2023-09", "2023-10"));
                    paid.removeAll(DUPLICATE_CLAIMS);
                }
                case 11 -> payFuneralGrantsThenRetractTheirDeaths(code);
                default -> {
                }
            }
        }
        assertThat(next).as("569 + 54 persons paid in the year").isEqualTo(623);

        String evaluations = "/api/v1/programs/" + code + "/evaluations/2023";
        post("evaluator", evaluations, "{\"rubric\":\"" + RUBRIC + "\"}").expect(200);
        QUALITATIVE.forEach((item, score) -> post("evaluator", evaluations + "/scores", "{\"item\":\"" + item
                + "\",\"score\":\"" + score[0] + "\",\"reason\":\"" + score[1] + "\"}").expect(201));
        post("evaluator", evaluations + "/scores", "{\"item\":\"eligibilityAccuracy\",\"score\":\"4\",\"reason\":\"x\"}")
                .expectProblem(422, "INVALID_SCORE");   // scored from the cases, not by hand
        post("evaluator", evaluations + "/inputs", "{\"indicator\":\"overpaymentCases.DEATH\",\"numerator\":1,"
                + "\"denominator\":1,\"reason\":\"x\"}").expectProblem(422, "INVALID_SCORE");
        post("evaluator", evaluations + "/inputs", "{\"indicator\":\"satisfactionRate\",\"numerator\":193,"
                + "\"denominator\":225,\"reason\":\"问卷333份，有效225份，满意193份\"}").expect(201);

        String indicators = "/api/v1/programs/" + code + "/indicators?year=2023";
        eventually(Duration.ofSeconds(30), () -> "82".equals(figures(indicators).get("overpaymentCases.DUPLICATE_ONE_OFF")
                .path("value").asText()) && "1352150.00".equals(figures(indicators).get("budgetExecutionRate")
                .path("numerator").asText()));
        Map<String, JsonNode> figures = figures(indicators);
        assertFigure(figures, "recipientCompletionRate", "623", "569", "1.0949");
        assertFigure(figures, "budgetExecutionRate", "1352150.00", "888362.93", "1.5221");
        assertFigure(figures, "payoutCompletionRate", "12", "12", "1.0000");
        // Person-months are the monthly lines (7,134); the 82 funeral grants are spending, not person-months.
        assertFigure(figures, "fullPaymentRate", "7134", "7134", "1.0000");
        assertFigure(figures, "onTimeRate", "13", "13", "1.0000");
        assertFigure(figures, "lateBatches", "0", null, "0");
        assertFigure(figures, "dueNotPaidPersonMonths", "0", null, "0");
        assertFigure(figures, "overpaymentCases.DEATH", "6", null, "6");
        assertFigure(figures, "overpaymentCases.SUSPENSION", "5", null, "5");
        assertFigure(figures, "overpaymentCases.DUPLICATE_CLAIM", "5", null, "5");
        assertFigure(figures, "overpaymentCases.DUPLICATE_ONE_OFF", "82", null, "82");
        assertFigure(figures, "overpaymentAmount.DEATH", "2100.00", null, "2100.00");
        assertFigure(figures, "overpaymentAmount.SUSPENSION", "1750.00", null, "1750.00");
        assertFigure(figures, "overpaymentAmount.DUPLICATE_CLAIM", "1750.00", null, "1750.00");
        assertFigure(figures, "overpaymentAmount.DUPLICATE_ONE_OFF", "103700.00", null, "103700.00");

        String evaluation = "/api/v1/programs/" + code + "/evaluation?year=2023";
        eventually(Duration.ofSeconds(30), () -> get("evaluator", evaluation).json().path("complete").asBoolean());
        JsonNode table = get("auditor", evaluation).json();
        assertThat(table.get("rubricVersion").asInt()).isEqualTo(2);
        Map<String, JsonNode> items = new HashMap<>();
        table.get("items").forEach(item -> items.put(item.get("key").asText(), item));
        // 预算执行率 1.5221 ≥ 60%: PROPORTIONAL, 5 × min(1.5221, 1) = 5
        assertScore(items, "budgetExecution", "5.00");
        // 发放任务完成率 109.49% ≥ 100%: nothing short, 10
        assertScore(items, "payoutCompletion", "10.00");
        // 审核精准性: ① 不重不漏不错 lost on 5 + 5 + 82 cases (−3), ② 死亡次月不再领取 lost on 6 (−3), ③ not the ledger's: 4
        assertScore(items, "eligibilityAccuracy", "4.00");
        assertThat(items.get("eligibilityAccuracy").get("input").asText()).as("the cases found").isEqualTo("98");
        assertThat(items.get("eligibilityAccuracy").get("rule").asText()).isEqualTo("CRITERIA_DEDUCTION");
        // 足额发放率 100% ≥ 90%: 5; 发放及时率: no late batch, 5; 应发尽发率: no due month unpaid, 5
        assertScore(items, "fullPayment", "5.00");
        assertScore(items, "timeliness", "5.00");
        assertScore(items, "dueCoverage", "5.00");
        // 满意度 193 ÷ 225 = 85.78%, 80–90%: 8
        assertScore(items, "satisfaction", "8.00");
        // computed 42 (5 + 10 + 4 + 5 + 5 + 5 + 8) + entered 47 (5 + 3 + 3 + 5 + 3 + 2 + 3 + 4 + 4 + 10 + 5) = 89
        assertThat(table.get("total").asText()).isEqualTo("89.00");
        assertThat(table.get("gradeLabel").asText()).isEqualTo("良");
    }

    /**
     * November: the 82 deaths recorded (after November's payout, so no month is overpaid), the 丧葬补助 batch paid on
     * the 22nd, then each death retracted as recorded in error — each paid grant a {@code DUPLICATE_ONE_OFF} case.
     */
    private void payFuneralGrantsThenRetractTheirDeaths(String code) {
        Map<Integer, String> deaths = new HashMap<>();
        for (int n : GRANTS) {
            JsonNode death = post("clerk", "/api/v1/recipients/" + id(n) + "/deaths",
                    "{\"dateOfDeath\":\"2023-11-05\",\"source\":\"殡葬\"}").expect(201).json();
            assertThat(death.get("overpayments")).isEmpty();
            deaths.put(n, death.get("factId").asText());
        }
        String[] lines = GRANTS.stream().map(n -> "{\"recipientId\":\"" + id(n) + "\",\"name\":\"" + name(n)
                + "\",\"amount\":\"" + grant(n) + "\",\"benefit\":\"FUNERAL_GRANT\"}").toArray(String[]::new);
        JsonNode posted = post("clerk", batches(code, "2023-11"), lines(lines), null).expect(201).json();
        assertThat(posted.get("rejected")).isEmpty();
        assertThat(posted.get("acceptedTotal").asText()).isEqualTo("103700.00");
        approveAndDisburse(posted.get("batchId").asText(), "2023-11-22");
        for (int n : GRANTS) {
            JsonNode opened = post("clerk", "/api/v1/facts/" + deaths.get(n) + "/retraction",
                    "{\"reason\":\"死亡登记有误，本人健在\"}").expect(201).json().get("overpayments").get(0);
            assertThat(opened.get("cause").asText()).isEqualTo("DUPLICATE_ONE_OFF");
            assertThat(opened.get("amount").asText()).isEqualTo(grant(n));
        }
    }

    /** 80 grants of 1,260.00 and 2 of 1,450.00: 103,700.00 元. */
    private static String grant(int n) {
        return n < GRANTS.get(0) + 80 ? "1260.00" : "1450.00";
    }

    private void payPension(String code, int month, List<Integer> recipients) {
        String[] lines = recipients.stream().map(n -> "{\"recipientId\":\"" + id(n) + "\",\"name\":\"" + name(n)
                + "\",\"amount\":\"" + STANDARD + "\"}").toArray(String[]::new);
        JsonNode posted = post("clerk", batches(code, "2023-%02d".formatted(month)), lines(lines), null).expect(201)
                .json();
        assertThat(posted.get("rejected")).as("month " + month).isEmpty();
        approveAndDisburse(posted.get("batchId").asText(), "2023-%02d-20".formatted(month));
    }

    private void enrolResidents(String code, String from, List<Integer> residents) {
        StringBuilder body = new StringBuilder("{\"effectiveFrom\":\"" + from + "\",\"recipients\":[");
        for (int i = 0; i < residents.size(); i++) {
            int n = residents.get(i);
            body.append(i == 0 ? "" : ",").append("{\"id\":\"").append(id(n)).append("\",\"name\":\"").append(name(n))
                    .append("\",\"region\":\"").append(REGION).append("\"}");
        }
        post("clerk", "/api/v1/programs/" + code + "/enrolments", body.append("]}").toString()).expect(201);
    }

    private static void assertTwoMonthsOverpaid(Answer recorded, String cause, String first, String second) {
        JsonNode opened = recorded.json().get("overpayments").get(0);
        assertThat(opened.get("cause").asText()).isEqualTo(cause);
        assertThat(opened.get("months")).extracting(JsonNode::asText).containsExactly(first, second);
        assertThat(opened.get("amount").asText()).isEqualTo("350.00");
    }

    private static void assertScore(Map<String, JsonNode> items, String key, String score) {
        assertThat(items.get(key).get("score").asText()).as(key).isEqualTo(score);
    }

    /** The n-th resident: 红塔区, born in 1940 or 1941 (n days after 1940-01-01), serial n. */
    private static String id(int n) {
        return validId(REGION + LocalDate.of(1940, 1, 1).plusDays(n).format(DateTimeFormatter.BASIC_ISO_DATE)
                + "%03d".formatted(n % 1000));
    }

    private static String name(int n) {
        return "居民" + n;
    }
}
