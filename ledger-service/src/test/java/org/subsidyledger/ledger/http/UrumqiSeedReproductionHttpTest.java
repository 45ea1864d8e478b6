package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The 乌鲁木齐 1995年以前退休人员生活补贴 2023 evaluation (seed 000_24e8cf7854165bd2.txt, docs/rules.md, seed figures) recorded as
 * events through the API — plan 16,000 persons and 12 payouts, budget 2,352万, funds 2,140万, 120 元 a month, three
 * review levels and finance approval, paid on the 20th — and scored with the shipped rubric: the report's table.
 *
 * <p>The report's figures hold together only with the deaths of the year (its own explanation of the 14,390:
 * "死亡减员后实际执行人数会低于预算数"): 2,140万 at 120 元 is 178,333 person-months, so the year starts with 15,333
 * retirees, 943 die month by month (learned from the monthly 殡葬 comparison, each paid for the month of death and
 * not after) and 14,390 are paid in December. Spending is then 21,399,960.00 元 — the report's 2,140万.
 */
class UrumqiSeedReproductionHttpTest extends HttpTestBase {

    private static final int FIRST = 1_000_000; // synthetic ID numbers of this program's retirees
    private static final int RETIREES = 15_333;
    /** Deaths learned after each month's payout, January to December. */
    private static final int[] DEATHS = {85, 86, 86, 86, 86, 86, 86, 86, 86, 86, 84, 0};

    @Test
    void theUrumqi2023ProgramYearRecordedAsEventsScoresAsTheReportDid() {
        String code = newProgram("URUMQI-PRE1995");
        put("admin", "/api/v1/programs/" + code + "/plans/2023",
                "{\"plannedRecipients\":16000,\"plannedPayouts\":12,\"budget\":\"23520000.00\"}").expect(200);
        for (int quarter = 1; quarter <= 4; quarter++) {
            post("finance", "/api/v1/programs/" + code + "/funds", "{\"amount\":\"5350000.00\",\"receivedOn\":\"2023-%02d-05\","
                    .formatted(quarter * 3 - 2) + "\"reference\":\"乌财社〔2023〕" + quarter + "号\"}").expect(201);
        }
        StringBuilder enrolment = new StringBuilder("{\"effectiveFrom\":\"2023-01\",\"recipients\":[");
        for (int i = 0; i < RETIREES; i++) {
            enrolment.append(i == 0 ? "" : ",").append("{\"id\":\"").append(syntheticId(FIRST + i))
                    .append("\",\"name\":\"退休人员").append(i).append("\",\"region\":\"650102\"}");
        }
        post("clerk", "/api/v1/programs/" + code + "/enrolments", enrolment.append("]}").toString()).expect(201);

        int dead = 0;
        for (int month = 1; month <= 12; month++) {
            StringBuilder lines = new StringBuilder("{\"lines\":[");
            for (int i = dead; i < RETIREES; i++) {
                lines.append(i == dead ? "" : ",").append(line(syntheticId(FIRST + i), "120.00"));
            }
            JsonNode posted = post("clerk", batches(code, "2023-%02d".formatted(month)), lines.append("]}").toString(),
                    null).expect(201).json();
            assertThat(posted.get("rejected")).isEmpty();
            approveAndDisburse(posted.get("batchId").asText(), "2023-%02d-20".formatted(month));
            if (DEATHS[month - 1] > 0) {
                StringBuilder file = new StringBuilder("身份证号,姓名,死亡日期,数据来源\n");
                for (int i = dead; i < dead + DEATHS[month - 1]; i++) {
                    file.append(syntheticId(FIRST + i)).append(",退休人员").append(i)
                            .append(",2023-%02d-10,殡葬\n".formatted(month));
                }
                JsonNode comparison = postFile("inspector", "/api/v1/death-comparisons",
                        "殡葬比对2023-%02d.csv".formatted(month), file.toString().getBytes(StandardCharsets.UTF_8), null)
                        .expect(201).json();
                assertThat(comparison.get("recorded").asInt()).isEqualTo(DEATHS[month - 1]);
                dead += DEATHS[month - 1];
            }
        }

        String indicators = "/api/v1/programs/" + code + "/indicators?year=2023";
        eventually(() -> "21399960.00".equals(figures(indicators).get("budgetExecutionRate").path("numerator").asText())
                && "178333".equals(figures(indicators).get("dueCoverageRate").path("denominator").asText()));
        Map<String, JsonNode> figures = figures(indicators);
        assertFigure(figures, "fundsArrivalRate", "21400000.00", "23520000.00", "0.9099");
        assertFigure(figures, "budgetExecutionRate", "21399960.00", "21400000.00", "1.0000");
        assertFigure(figures, "yearEndRecipientCompletionRate", "14390", "16000", "0.8994");
        assertFigure(figures, "recipientCompletionRate", "15333", "16000", "0.9583");
        assertFigure(figures, "payoutCompletionRate", "12", "12", "1.0000");
        assertFigure(figures, "fullPaymentRate", "178333", "178333", "1.0000");
        assertFigure(figures, "dueCoverageRate", "178333", "178333", "1.0000");
        assertFigure(figures, "onTimeRate", "12", "12", "1.0000");
        assertFigure(figures, "averagePerPersonMonth", "21399960.00", "178333", "120.00");
        assertFigure(figures, "overpaymentCases.DEATH", "0", null, "0");

        String evaluations = "/api/v1/programs/" + code + "/evaluations/2023";
        post("evaluator", evaluations, "{\"rubric\":\"urumqi-pre1995-retirees-2023\"}").expect(200);
        // The report's qualitative items: full marks (决策 20/20, 过程 10/10 less the indicators, 效益 15, 满意度 5).
        enterUrumqiQualitativeScores(code, "评价报告（000_24e8cf7854165bd2）");
        String evaluation = "/api/v1/programs/" + code + "/evaluation?year=2023";
        eventually(() -> get("evaluator", evaluation).json().path("complete").asBoolean());
        JsonNode table = get("auditor", evaluation).json();
        assertThat(table.get("rubricVersion").asInt()).isEqualTo(2);
        Map<String, JsonNode> items = new HashMap<>();
        table.get("items").forEach(item -> items.put(item.get("key").asText(), item));
        assertThat(items.get("fundsArrival").get("score").asText()).isEqualTo("4.55");
        assertThat(new BigDecimal(items.get("recipientsPaid").get("score").asText()))
                .isBetween(new BigDecimal("4.49"), new BigDecimal("4.50"));
        assertThat(items.get("budgetExecution").get("score").asText()).isEqualTo("5.00");
        assertThat(items.get("payoutsMade").get("score").asText()).isEqualTo("5.00");
        assertThat(items.get("fullPayment").get("score").asText()).isEqualTo("10.00");
        assertThat(items.get("timeliness").get("score").asText()).isEqualTo("10.00");
        assertThat(items.get("perCapitaStandard").get("score").asText()).isEqualTo("10.00");
        assertThat(new BigDecimal(table.get("total").asText()))
                .isBetween(new BigDecimal("99.03"), new BigDecimal("99.05"));
        assertThat(table.get("gradeLabel").asText()).isEqualTo("优");
    }

    private Map<String, JsonNode> figures(String path) {
        Map<String, JsonNode> figures = new HashMap<>();
        get("evaluator", path).expect(200).json().get("indicators")
                .forEach(figure -> figures.put(figure.get("key").asText(), figure));
        return figures;
    }
}
