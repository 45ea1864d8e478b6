package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Resetting every read model and replaying the event store from zero gives the same rows. It runs in a database of its
 * own (a separate application context, closed afterwards), so the replay covers exactly the events this test recorded:
 * in the shared database its length depended on which test classes happened to run before (the 红塔区 reproduction
 * alone has 62k recipients), and a slower machine missed a fixed deadline.
 */
@TestPropertySource(properties = "ledger.node-id=replay-test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ReplayHttpTest extends HttpTestBase {

    private static final Map<String, List<String>> GROUPS = Map.of(
            "program-view", List.of("program_view", "program_plan_view", "program_plan_history_view",
                    "program_funds_view", "month_close_view"),
            "recipient-view", List.of("enrolment_view"),
            "batch-view", List.of("batch_view", "batch_step_view", "batch_line_view", "paid_recipient_year_view"),
            "fact-view", List.of("life_fact_view", "life_fact_change_view", "death_comparison_view",
                    "death_comparison_row_view"),
            "overpayment-view", List.of("overpayment_view", "overpayment_month_view", "overpayment_change_view"),
            "evaluation-view", List.of("evaluation_rubric_view", "evaluation_entry_view"),
            "standard-view", List.of("standard_change_view", "arrear_part_view", "arrear_view"),
            "certification-view", List.of("certification_view"),
            "verification-view", List.of("suspected_fact_view", "verification_comparison_view"));

    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void resettingTheProcessorsAndReplayingFromZeroRebuildsIdenticalRows() {
        String code = newProgram("REPLAY");
        put("finance", "/api/v1/programs/" + code + "/plans/2023",
                "{\"plannedRecipients\":100,\"plannedPayouts\":12,\"budget\":\"144000.00\"}").expect(200);
        put("finance", "/api/v1/programs/" + code + "/plans/2023",
                "{\"plannedRecipients\":90,\"plannedPayouts\":12,\"budget\":\"129600.00\",\"reason\":\"调整\"}").expect(200);
        post("finance", "/api/v1/programs/" + code + "/funds",
                "{\"amount\":\"100000.00\",\"receivedOn\":\"2023-02-01\",\"reference\":\"R-1\"}").expect(201);
        StringBuilder csv = new StringBuilder("身份证号,姓名,行政区划\n");
        for (int i = 0; i < 300; i++) {
            csv.append(syntheticId(5000 + i)).append(",人").append(i).append(",650102\n");
        }
        postFile("clerk", "/api/v1/programs/" + code + "/enrolments?effectiveFrom=2023-01", "r.csv",
                csv.toString().getBytes(StandardCharsets.UTF_8), null).expect(201);
        StringBuilder lines = new StringBuilder("身份证号,姓名,金额\n");
        for (int i = 0; i < 3; i++) {
            lines.append(syntheticId(5000 + i)).append(",人").append(i).append(i == 2 ? ",100.00\n" : ",120.00\n");
        }
        String batch = postFile("clerk", "/api/v1/programs/" + code + "/batches?period=2023-02", "b.csv",
                lines.toString().getBytes(StandardCharsets.UTF_8), null).expect(201).json().get("batchId").asText();
        post("reviewer2", "/api/v1/batches/" + batch + "/reviews",
                "{\"level\":1,\"decision\":\"REJECT\",\"comment\":\"重核\"}").expect(200);
        post("clerk", "/api/v1/batches/" + batch + "/resubmission", "{}").expect(200);
        for (int level = 1; level <= 3; level++) {
            post("reviewer" + level, "/api/v1/batches/" + batch + "/reviews",
                    "{\"level\":" + level + ",\"decision\":\"APPROVE\"}").expect(200);
        }
        recordedOn("2023-02-20", () -> post("finance", "/api/v1/batches/" + batch + "/approval",
                "{\"decision\":\"APPROVE\"}").expect(200));
        post("finance", "/api/v1/batches/" + batch + "/disbursement", "{\"disbursedOn\":\"2023-02-20\"}").expect(200);
        post("finance", "/api/v1/batches/" + batch + "/returns",
                "{\"reference\":\"退票通知-01\",\"lines\":[{\"recipientId\":\"" + syntheticId(5001) + "\",\"reason\":\"销户\"}]}").expect(201);
        post("admin", "/api/v1/programs/" + code + "/standards",
                "{\"from\":\"2023-02\",\"monthlyStandard\":\"125.00\",\"reason\":\"调标\"}").expect(201);
        String death = post("clerk", "/api/v1/recipients/" + syntheticId(5000) + "/deaths",
                "{\"dateOfDeath\":\"2023-01-20\",\"source\":\"殡葬\"}").expect(201).json().get("factId").asText();
        changeFactApproved("clerk", "inspector", death, "correction",
                "{\"dateOfDeath\":\"2023-01-10\",\"reason\":\"死亡证明\"}");
        String suspension = post("inspector", "/api/v1/recipients/" + syntheticId(5003) + "/suspensions",
                "{\"kind\":\"IMPRISONMENT\",\"from\":\"2023-01-05\",\"source\":\"判决\"}").expect(201)
                .json().get("factId").asText();
        post("inspector", "/api/v1/recipients/" + syntheticId(5003) + "/suspensions/" + suspension + "/release",
                "{\"releasedOn\":\"2023-03-01\",\"source\":\"释放\"}").expect(201);
        String comparison = postFile("inspector", "/api/v1/death-comparisons", "d.csv", ("身份证号,姓名,死亡日期\n"
                + syntheticId(5002) + ",人2,2023-01-31\n" + syntheticId(9990) + ",无名,2023-01-31\n")
                .getBytes(StandardCharsets.UTF_8), null).expect(201).json().get("comparisonId").asText();
        String suspect = postFile("inspector", "/api/v1/imprisonment-comparisons", "p.csv", ("身份证号,姓名,服刑开始日期\n"
                + syntheticId(5004) + ",人4,2023-01-15\n" + syntheticId(5005) + ",人5,2023-01-15\n")
                .getBytes(StandardCharsets.UTF_8), null).expect(201).json().get("comparisonId").asText();
        eventually(() -> get("auditor", "/api/v1/suspected-facts?comparison=" + suspect).json().path("total")
                .asInt() == 2);
        post("inspector", "/api/v1/suspected-facts/" + get("auditor", "/api/v1/suspected-facts?comparison=" + suspect)
                .json().get("items").get(0).get("id").asText() + "/dismissal", "{\"reason\":\"核实未服刑\"}")
                .expect(200);
        post("evaluator", "/api/v1/programs/" + code + "/evaluations/2023",
                "{\"rubric\":\"urumqi-pre1995-retirees-2023\"}").expect(200);
        post("evaluator", "/api/v1/programs/" + code + "/evaluations/2023/scores",
                "{\"item\":\"socialBenefit\",\"score\":\"12.5\",\"reason\":\"访谈\"}").expect(201);
        eventually(() -> get("auditor", "/api/v1/programs/" + code + "/evaluation?year=2023").text()
                .contains("\"score\":\"12.50\""));
        eventually(() -> get("auditor", "/api/v1/overpayments?program=" + code).json().path("total").asInt() == 2
                && get("auditor", "/api/v1/death-comparisons/" + comparison).status() == 200
                && get("auditor", "/api/v1/suspected-facts?status=DISMISSED&comparison=" + suspect).json()
                .path("total").asInt() == 1
                && get("auditor", "/api/v1/facts/" + death).json().path("changes").size() == 3);
        // the recovery procedure of a case (rule 14): notice, delivery, contact, instalments, appeal
        String procedure = get("inspector", "/api/v1/overpayments?program=" + code).json()
                .get("items").get(0).get("id").asText();
        noticeDelivered(procedure, "2023-04-20", "2023-04-25");
        post("inspector", "/api/v1/overpayments/" + procedure + "/contacts",
                "{\"on\":\"2023-05-02\",\"method\":\"VISIT\",\"outcome\":\"同意分期\"}").expect(201);
        post("inspector", "/api/v1/overpayments/" + procedure + "/instalments",
                "{\"amountPerMonth\":\"20.00\",\"firstMonth\":\"2023-06\"}").expect(201);
        post("inspector", "/api/v1/overpayments/" + procedure + "/appeals",
                "{\"filedOn\":\"2023-05-10\",\"reason\":\"复核\"}").expect(201);
        eventually(() -> get("auditor", "/api/v1/overpayments/" + procedure).json().path("overpayment")
                .path("appealOpen").asBoolean());
        post("finance", "/api/v1/programs/" + code + "/months/2023-02/close", "{\"reason\":\"月结\"}").expect(201);
        eventually(() -> jdbc.queryForObject("SELECT count(*) FROM month_close_view WHERE program_code = ?",
                Long.class, code) == 1);
        eventually(() -> get("auditor", "/api/v1/programs/" + code).json().path("enrolled").asInt() == 300
                && get("auditor", "/api/v1/programs/" + code).json().get("funds").size() == 1
                && get("auditor", "/api/v1/batches/" + batch).json().path("batch").path("returned").asInt() == 1);
        Map<String, List<Map<String, Object>>> before = snapshot();

        for (String group : GROUPS.keySet()) {
            StreamingEventProcessor processor =
                    processing.eventProcessor(group, StreamingEventProcessor.class).orElseThrow();
            processor.shutDown();
            processor.resetTokens();
            for (String table : GROUPS.get(group)) {
                assertThat(jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class))
                        .as("%s emptied by the reset", table).isZero();
            }
            processor.start();
        }

        eventually(() -> snapshot().equals(before));
        assertThat(snapshot()).isEqualTo(before);
        assertThat(before.get("enrolment_view")).hasSize(300);
        assertThat(before.get("batch_step_view")).hasSizeGreaterThanOrEqualTo(9);
    }

    private Map<String, List<Map<String, Object>>> snapshot() {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        GROUPS.values().stream().flatMap(List::stream).sorted().forEach(table ->
                rows.put(table, jdbc.queryForList("SELECT * FROM " + table + " ORDER BY 1, 2, 3")));
        return rows;
    }
}
