package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Rule 12 (两上两下) end to end: a monthly death comparison and a 司法 imprisonment comparison posted for verification
 * in March 2023, matched rows held as suspected facts in their towns' queues (lines refused SUSPECTED at posting and
 * stopped at disbursement), one death confirmed by 天山区's town (the fact recorded with its overpayment at once), one
 * dismissed by 沙依巴克区's (the hold released, the month paid again), the province's duplicate list confirmed, and the
 * queue's figures as of moments in between — every figure by hand.
 *
 * <p>A (3001) and B (3002) live in 650102001, C (3003) and D (3004) in 650103002; each is paid 120.00 for January and
 * February. On 5 March: deaths of A (10 January) and C (3 February), B imprisoned from 15 February.
 */
class VerificationHttpTest extends HttpTestBase {

    private static final String A = syntheticId(3001);
    private static final String B = syntheticId(3002);
    private static final String C = syntheticId(3003);
    private static final String D = syntheticId(3004);

    @Test
    void twoTownsVerifyAMonthlyDeathComparison_oneConfirmedWithItsOverpayment_oneDismissedAndPaidAgain() {
        String code = newProgram("VERIFY");
        post("clerk", "/api/v1/programs/" + code + "/enrolments", """
                {"effectiveFrom":"2023-01","recipients":[
                  {"id":"%s","name":"受益人3001","region":"650102001"},{"id":"%s","name":"受益人3002","region":"650102001"},
                  {"id":"%s","name":"受益人3003","region":"650103002"},{"id":"%s","name":"受益人3004","region":"650103002"}]}
                """.formatted(A, B, C, D)).expect(201);
        java.util.List<String> all = java.util.List.of(A, B, C, D);
        payMonth(code, 1, all);
        payMonth(code, 2, all);
        String march = post("clerk", batches(code, "2023-03"), lines(line(A, "120.00"), line(B, "120.00"),
                line(C, "120.00"), line(D, "120.00")), null).expect(201).json().get("batchId").asText();

        // 5 March: the month's death comparison, posted for verification.
        byte[] deaths = ("身份证号,姓名,死亡日期,数据来源\n"
                + A + ",受益人3001,2023-01-10,殡葬\n"
                + C + ",受益人3003,2023-02-03,公安\n"
                + D + ",张三,2023-02-01,公安\n"                       // 4 another name
                + syntheticId(3999) + ",受益人3999,2023-02-01,卫健\n")  // 5 enrolled nowhere
                .getBytes(StandardCharsets.UTF_8);
        JsonNode comparison = recordedOn("2023-03-05", () -> postFile("inspector",
                "/api/v1/death-comparisons?verify=true", "死亡比对2023-03.csv", deaths, null).expect(201)).json();
        assertThat(comparison.get("kind").asText()).isEqualTo("DEATH");
        assertThat(comparison.get("rows").asInt()).isEqualTo(4);
        assertThat(comparison.get("suspected").asInt()).isEqualTo(2);
        assertThat(comparison.get("suspectedByRegion").get("650102001").asInt()).isEqualTo(1);
        assertThat(comparison.get("suspectedByRegion").get("650103002").asInt()).isEqualTo(1);
        Map<Integer, String> codes = new TreeMap<>();
        comparison.get("unmatched").forEach(row -> codes.put(row.get("line").asInt(), row.get("code").asText()));
        assertThat(codes).containsExactlyEntriesOf(new TreeMap<>(Map.of(4, "NAME_MISMATCH", 5, "UNMATCHED")));
        assertThat(recordedOn("2023-03-05", () -> postFile("inspector", "/api/v1/death-comparisons?verify=true",
                "死亡比对2023-03.csv", deaths, null).expect(201)).json().get("comparisonId").asText())
                .as("the same file twice is one comparison").isEqualTo(comparison.get("comparisonId").asText());
        assertThat(get("inspector", "/api/v1/recipients/" + A + "/facts").json()).as("no fact yet").isEmpty();

        byte[] prisons = ("身份证号,姓名,服刑开始日期,服刑结束日期,数据来源\n" + B + ",受益人3002,2023-02-15,,司法\n")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(recordedOn("2023-03-05", () -> postFile("inspector", "/api/v1/imprisonment-comparisons",
                "服刑比对2023-03.csv", prisons, null).expect(201)).json().get("suspected").asInt()).isEqualTo(1);

        // The pending March lines of the three suspected are stopped at disbursement; D is paid.
        Answer disbursed = approveAndDisburse(march, "2023-03-20");
        assertThat(disbursed.json().get("stoppedLines").asInt()).isEqualTo(3);
        // April: refused SUSPECTED while the suspicion is open.
        Answer april = post("clerk", batches(code, "2023-04"), lines(line(A, "120.00"), line(D, "120.00")), null)
                .expect(201);
        assertThat(april.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(april.json().get("rejected").get(0).get("code").asText()).isEqualTo("SUSPECTED");

        // Each town's queue, scoped: 天山区's inspector sees A and B, never C.
        eventually(() -> get("inspector", "/api/v1/suspected-facts?asOf=2023-03-06T00:00:00Z").json().path("total")
                .asInt() == 3);
        JsonNode tianshan = get("inspector-650102", "/api/v1/suspected-facts?asOf=2023-03-25T00:00:00Z").json();
        assertThat(tianshan.get("total").asInt()).isEqualTo(2);
        assertThat(tianshan.get("items")).extracting(item -> item.get("recipientId").asText())
                .containsExactlyInAnyOrder(A, B);
        JsonNode suspectA = find(tianshan, A);
        assertThat(suspectA.get("kind").asText()).isEqualTo("DEATH");
        assertThat(suspectA.get("from").asText()).isEqualTo("2023-01-10");
        assertThat(suspectA.get("status").asText()).isEqualTo("OPEN");
        assertThat(suspectA.get("ageDays").asInt()).as("5 March to 25 March").isEqualTo(20);
        assertThat(suspectA.get("overdue").asBoolean()).as("older than 15 days").isTrue();
        String suspectC = find(get("inspector-650103", "/api/v1/suspected-facts").json(), C).get("id").asText();
        post("inspector-650103", "/api/v1/suspected-facts/" + suspectA.get("id").asText() + "/confirmation",
                "{\"evidence\":\"火化证明\"}").expectProblem(404, "UNKNOWN_SUSPECTED_FACT");
        assertThat(get("evaluator", "/api/v1/suspected-facts").json().get("items").get(0).get("recipientId").asText())
                .contains("********");

        // 12 March: 天山区 confirms A's death (found on 9 January): February's 120.00 is overpaid at once.
        JsonNode confirmed = recordedOn("2023-03-12", () -> post("inspector-650102", "/api/v1/suspected-facts/"
                + suspectA.get("id").asText() + "/confirmation",
                "{\"date\":\"2023-01-09\",\"evidence\":\"火化证明 2023-0117\"}").expect(200)).json();
        assertThat(confirmed.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(confirmed.get("kind").asText()).isEqualTo("DEATH");
        assertThat(confirmed.get("overpaymentsIdentified").asInt()).isEqualTo(1);
        assertThat(confirmed.get("overpaidIdentified").asText()).isEqualTo("120.00");
        assertThat(confirmed.get("overpayments").get(0).get("months").get(0).asText()).isEqualTo("2023-02");
        post("inspector", "/api/v1/suspected-facts/" + suspectA.get("id").asText() + "/dismissal",
                "{\"reason\":\"改判\"}").expectProblem(409, "SUSPECTED_FACT_SETTLED");

        // 20 March: 沙依巴克区 finds C alive: the hold ends, March is paid again and April accepted.
        recordedOn("2023-03-20", () -> post("inspector-650103", "/api/v1/suspected-facts/" + suspectC + "/dismissal",
                "{\"reason\":\"入户核实，本人健在（同名错配）\"}").expect(200));
        Answer again = post("clerk", batches(code, "2023-03"), lines(line(C, "120.00")), null).expect(201);
        assertThat(again.json().get("accepted").asInt()).as("March again after the stop").isEqualTo(1);
        assertThat(post("clerk", batches(code, "2023-04"), lines(line(C, "120.00")), null).expect(201).json()
                .get("accepted").asInt()).isEqualTo(1);
        assertThat(post("clerk", batches(code, "2023-05"), lines(line(A, "120.00")), null)
                .expectProblem(422, "INVALID_ROWS").json().get("errors").get(0).get("code").asText())
                .as("A is now dead: not due").isEqualTo("NOT_DUE");

        // The queue's figures as of moments: on 15 March C and B are open and A took 7 days; on 25 March C took 15.
        eventually(() -> get("inspector", "/api/v1/suspected-facts/summary?asOf=2023-03-25T00:00:00Z").json()
                .get("all").get("dismissed").asInt() == 1);
        JsonNode mid = get("inspector", "/api/v1/suspected-facts/summary?asOf=2023-03-15T00:00:00Z").json().get("all");
        assertThat(mid.get("suspectedFactsOpen").asInt()).isEqualTo(2);
        assertThat(mid.get("confirmed").asInt()).isEqualTo(1);
        assertThat(mid.get("medianDaysToVerify").asDouble()).isEqualTo(7.0);
        JsonNode late = get("inspector", "/api/v1/suspected-facts/summary?asOf=2023-03-25T00:00:00Z").json();
        assertThat(late.get("all").get("suspectedFactsOpen").asInt()).as("B's imprisonment").isEqualTo(1);
        assertThat(late.get("all").get("overdue").asInt()).isEqualTo(1);
        assertThat(late.get("all").get("medianDaysToVerify").asDouble()).as("median of 7 and 15").isEqualTo(11.0);
        assertThat(late.get("regions")).extracting(r -> r.get("region").asText() + " " + r.get("suspectedFactsOpen").asInt())
                .containsExactly("650102001 1", "650103002 0");
        assertThat(get("inspector-650103", "/api/v1/suspected-facts/summary?asOf=2023-03-25T00:00:00Z").json()
                .get("all").get("dismissed").asInt()).isEqualTo(1);
    }

    @Test
    void theProvincesDuplicateListConfirmedMakesTheMonthsDrawnElsewhereOverpaid() {
        String code = newProgram("VERIFY-DUP");
        enrol(code, "2023-01", 3101);
        String id = syntheticId(3101);
        payMonth(code, 1, java.util.List.of(id));
        payMonth(code, 2, java.util.List.of(id));
        byte[] file = ("身份证号,姓名,其他险种,起始月份,截止月份\n" + id + ",受益人3101,职工养老,2023-01,2023-02\n"
                + id + ",受益人3101,职工养老,2023-01,2023-02\n").getBytes(StandardCharsets.UTF_8);
        postFile("inspector", "/api/v1/duplicate-comparisons", "省比对.csv", file, null)
                .expectProblem(422, "MISSING_VALUE");
        JsonNode comparison = postFile("inspector", "/api/v1/duplicate-comparisons?program=" + code, "省比对.csv", file,
                null).expect(201).json();
        assertThat(comparison.get("suspected").asInt()).isEqualTo(1);
        assertThat(comparison.get("unmatched").get(0).get("code").asText()).isEqualTo("DUPLICATE_IN_FILE");
        assertThat(post("clerk", batches(code, "2023-03"), lines(line(id, "120.00")), null).expect(201).json()
                .get("accepted").asInt()).as("March is not in the list, and is not held").isEqualTo(1);
        assertThat(post("clerk", batches(code, "2023-02"), lines(line(id, "120.00")), null)
                .expectProblem(422, "INVALID_ROWS").json().get("errors").get(0).get("code").asText())
                .as("held before anything else is said of the month")
                .isEqualTo("SUSPECTED");
        eventually(() -> get("inspector", "/api/v1/suspected-facts?recipient=" + id).json().path("total").asInt() == 1);
        String suspect = get("inspector", "/api/v1/suspected-facts?recipient=" + id).json().get("items").get(0)
                .get("id").asText();
        JsonNode confirmed = post("inspector", "/api/v1/suspected-facts/" + suspect + "/confirmation",
                "{\"evidence\":\"省厅比对函 2023-5号\"}").expect(200).json();
        assertThat(confirmed.get("kind").asText()).isEqualTo("DUPLICATE_CLAIM");
        assertThat(confirmed.get("overpaidIdentified").asText()).as("January and February").isEqualTo("240.00");
        assertThat(postFile("inspector", "/api/v1/duplicate-comparisons?program=" + code, "省比对-2.csv",
                ("身份证号,姓名,其他险种,起始月份,截止月份\n" + id + ",受益人3101,职工养老,2023-01,2023-02\n")
                        .getBytes(StandardCharsets.UTF_8), null).expect(201).json().get("unmatched").get(0)
                .get("code").asText()).as("now recorded").isEqualTo("ALREADY_RECORDED");
    }

    private static JsonNode find(JsonNode list, String recipientId) {
        for (JsonNode item : list.get("items")) {
            if (item.get("recipientId").asText().equals(recipientId)) {
                return item;
            }
        }
        throw new AssertionError("no suspected fact of " + recipientId + " in " + list);
    }
}
