package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * Segregation of duties (docs/rules.md): each hole one user alone could use is refused to that user, and the path with
 * a second person, or with evidence, or by finance after the clerks' window, succeeds. Nothing is written by a
 * refusal.
 */
class SegregationOfDutiesHttpTest extends HttpTestBase {

    private static final String TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();

    @Test
    void anInspectorAloneOnlyProposesACancellationAndAnotherUserApprovesIt() {
        String code = newProgram("SOD1");
        String caseId = caseOfDeath(code, 8100);
        String cancellation = "/api/v1/overpayments/" + caseId + "/cancellation";

        JsonNode proposed = post("inspector", cancellation, "{\"reason\":\"重复立案\"}").expect(201).json();
        assertThat(proposed.get("cancellation").asText()).isEqualTo("PROPOSED");
        assertThat(proposed.get("status").asText()).as("nothing changes until approved").isEqualTo("OPEN");
        post("inspector", cancellation, "{\"reason\":\"再次申请\"}").expectProblem(409, "CANCELLATION_PENDING");
        String approval = "/api/v1/overpayments/" + caseId + "/cancellations/"
                + proposed.get("cancellationId").asText() + "/approval";
        long before = eventCount();
        post("inspector", approval, "{\"decision\":\"APPROVE\"}").expectProblem(403, "SEGREGATION_OF_DUTIES");
        post("clerk", approval, "{\"decision\":\"APPROVE\"}").expectProblem(403, "FORBIDDEN");
        assertThat(eventCount()).as("a refusal records nothing").isEqualTo(before);
        eventually(() -> case_(caseId).path("history").size() == 2);
        assertThat(case_(caseId).get("overpayment").get("status").asText()).isEqualTo("OPEN");

        JsonNode approved = post("finance", approval, "{\"decision\":\"APPROVE\",\"comment\":\"核实\"}").expect(200)
                .json();
        assertThat(approved.get("cancellation").asText()).isEqualTo("APPROVED");
        assertThat(approved.get("status").asText()).isEqualTo("CANCELLED");
        eventually(() -> "CANCELLED".equals(case_(caseId).path("overpayment").path("status").asText()));
        java.util.List<String> history = new java.util.ArrayList<>();
        case_(caseId).get("history").forEach(change -> history.add(change.get("change").asText() + " "
                + change.get("recordedBy").asText() + " " + change.get("role").asText()));
        assertThat(history).containsExactly("IDENTIFIED clerk CLERK", "CANCEL_PROPOSED inspector INSPECTOR",
                "CANCEL_APPROVED finance FINANCE", "CANCELLED finance FINANCE");
    }

    @Test
    void aClerkAloneOnlyProposesRetractingTheDeathBehindACaseAndAnotherClerkApprovesIt() {
        String code = newProgram("SOD2");
        enrol(code, "2023-01", 8200, 8201);
        for (int month = 1; month <= 3; month++) {
            payMonth(code, month, java.util.List.of(syntheticId(8200)));
        }
        Answer death = post("clerk", "/api/v1/recipients/" + syntheticId(8200) + "/deaths",
                "{\"dateOfDeath\":\"2023-01-15\",\"source\":\"比对\"}").expect(201);
        String factId = death.json().get("factId").asText();
        String caseId = death.json().get("overpayments").get(0).get("caseId").asText();

        JsonNode proposed = post("clerk", "/api/v1/facts/" + factId + "/retraction",
                "{\"reason\":\"本人健在\"}").expect(202).json();
        assertThat(proposed.get("change").asText()).isEqualTo("PROPOSED");
        assertThat(proposed.get("overpayments")).isEmpty();
        post("clerk", "/api/v1/facts/" + factId + "/correction", "{\"dateOfDeath\":\"2023-02-15\",\"reason\":\"x\"}")
                .expectProblem(409, "FACT_CHANGE_PENDING");
        assertThat(jdbc.queryForObject("SELECT status FROM overpayment_case_index WHERE case_id = ?", String.class,
                caseId)).as("the case stands until approved").isEqualTo("OPEN");
        String approval = "/api/v1/facts/" + factId + "/changes/" + proposed.get("changeId").asText() + "/approval";
        long before = eventCount();
        post("clerk", approval, "{\"decision\":\"APPROVE\"}").expectProblem(403, "SEGREGATION_OF_DUTIES");
        post("finance", approval, "{\"decision\":\"APPROVE\"}").expectProblem(403, "FORBIDDEN");
        assertThat(eventCount()).isEqualTo(before);

        JsonNode approved = post("clerk2", approval, "{\"decision\":\"APPROVE\"}").expect(200).json();
        assertThat(approved.get("change").asText()).isEqualTo("APPROVED");
        assertThat(approved.get("overpayments").get(0).get("change").asText()).isEqualTo("CANCELLED");
        assertThat(jdbc.queryForObject("SELECT status FROM overpayment_case_index WHERE case_id = ?", String.class,
                caseId)).isEqualTo("CANCELLED");

        // A fact no live case rests on is retracted at once, as before.
        String unpaid = post("clerk", "/api/v1/recipients/" + syntheticId(8201) + "/deaths",
                "{\"dateOfDeath\":\"2023-01-15\",\"source\":\"比对\"}").expect(201).json().get("factId").asText();
        Answer retracted = post("clerk", "/api/v1/facts/" + unpaid + "/retraction", "{\"reason\":\"误报\"}")
                .expect(201);
        assertThat(retracted.json().get("change").isNull()).isTrue();
    }

    @Test
    void thePosterNeverRecordsReturnsAndAfterTheWindowOnlyFinanceDoesWithTheBanksNoticeNumber() {
        String code = newProgram("SOD3");
        enrol(code, "2023-01", 8300, 8301);
        String old = payMonth(code, 2, java.util.List.of(syntheticId(8300), syntheticId(8301))).json()
                .get("batchId").asText();
        String line = "{\"lines\":[{\"recipientId\":\"" + syntheticId(8300) + "\",\"reason\":\"账户已销户\"}]";
        long before = eventCount();
        post("clerk", returns(old), line + "}").expectProblem(403, "SEGREGATION_OF_DUTIES");
        Answer clerk2 = post("clerk2", returns(old), line + ",\"reference\":\"TP-1\"}");
        clerk2.expectProblem(403, "SEGREGATION_OF_DUTIES");
        assertThat(clerk2.json().get("detail").asText()).contains("finance must record");
        post("finance", returns(old), line + "}").expectProblem(422, "MISSING_EVIDENCE");
        postFile("finance", returns(old), "退票.csv", ("身份证号,原因\n" + syntheticId(8300) + ",销户\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), null).expectProblem(422, "MISSING_EVIDENCE");
        assertThat(eventCount()).as("nothing is half-written").isEqualTo(before);
        assertThat(post("finance", returns(old), line + ",\"reference\":\"退票通知 2023-118\"}").expect(201).json()
                .get("returned").asInt()).isEqualTo(1);
        assertThat(postFile("finance", returns(old) + "?reference=TP-2023-119", "退票.csv", ("身份证号,原因\n"
                + syntheticId(8301) + ",冻结\n").getBytes(java.nio.charset.StandardCharsets.UTF_8), null)
                .expect(201).json().get("returned").asInt()).isEqualTo(1);

        // Within the window another clerk records a return, a reference optional; the poster still may not.
        String recent = post("clerk", batches(code, "2023-03"), lines(line(syntheticId(8300), "120.00")), null)
                .expect(201).json().get("batchId").asText();
        approveAndDisburse(recent, TODAY);
        post("clerk", returns(recent), line + "}").expectProblem(403, "SEGREGATION_OF_DUTIES");
        assertThat(post("clerk2", returns(recent), line + "}").expect(201).json().get("returned").asInt())
                .isEqualTo(1);
    }

    @Test
    void aRepaymentWithoutEvidenceIsRefusedWhateverTheMethod() {
        String code = newProgram("SOD4");
        String caseId = caseOfDeath(code, 8400);
        String repayments = "/api/v1/overpayments/" + caseId + "/repayments";
        for (String method : new String[] {"OTHER", "FAMILY_REFUND", "BANK_CLAWBACK"}) {
            post("inspector", repayments, "{\"amount\":\"240.00\",\"receivedOn\":\"2023-05-10\",\"method\":\""
                    + method + "\"}").expectProblem(422, "MISSING_EVIDENCE");
        }
        post("inspector", repayments, "{\"amount\":\"240.00\",\"receivedOn\":\"2023-05-10\",\"method\":\"OTHER\","
                + "\"reference\":\"   \"}").expectProblem(422, "MISSING_EVIDENCE");
        JsonNode repaid = post("inspector", repayments, "{\"amount\":\"240.00\",\"receivedOn\":\"2023-05-10\","
                + "\"method\":\"OTHER\",\"reference\":\"银行流水 6222-0517\"}").expect(201).json();
        assertThat(repaid.get("status").asText()).isEqualTo("RECOVERED");
    }

    @Test
    void anIndividualStandardAboveTheProgramsIsRefusedAndALineAboveTheProgramsStandardIsOver() {
        String code = newProgram("SOD5");
        Answer refused = post("clerk", "/api/v1/programs/" + code + "/enrolments", """
                {"effectiveFrom":"2023-01","recipients":[
                  {"id":"%s","name":"甲","region":"650102","monthlyStandard":"9999999999999.99"},
                  {"id":"%s","name":"乙","region":"650102","monthlyStandard":"120.00"}]}"""
                .formatted(syntheticId(8500), syntheticId(8501)));
        refused.expectProblem(422, "INVALID_ROWS");
        assertThat(refused.json().get("errors")).hasSize(1);
        assertThat(refused.json().get("errors").get(0).get("code").asText()).isEqualTo("STANDARD_ABOVE_PROGRAM");
        assertThat(refused.json().get("errors").get(0).get("line").asInt()).isEqualTo(1);
        enrol(code, "2023-01", 8501);

        // An enrolment recorded before the rule, with such a standard: its line is still over the program's.
        jdbc.update("""
                INSERT INTO enrolment_index (program_code, recipient_id, effective_from, monthly_standard_fen, name)
                VALUES (?, ?, DATE '2023-01-01', 999999999999999, '甲')""", code, syntheticId(8500));
        JsonNode posted = post("clerk", batches(code, "2023-01"), lines(line(syntheticId(8500), "9999999999999.99"),
                line(syntheticId(8501), "120.00")), null).expect(201).json();
        assertThat(posted.get("over").asInt()).isEqualTo(1);
        assertThat(posted.get("short").asInt()).isZero();
        String batch = posted.get("batchId").asText();
        eventually(() -> get("inspector", "/api/v1/batches/" + batch + "/lines").json().path("items").size() == 2);
        java.util.Map<String, String> marks = new java.util.TreeMap<>();
        get("inspector", "/api/v1/batches/" + batch + "/lines").json().get("items")
                .forEach(item -> marks.put(item.get("recipientId").asText(), item.get("mark").asText()));
        assertThat(marks).containsEntry(syntheticId(8500), "OVER").containsEntry(syntheticId(8501), "FULL");
    }

    @Test
    void aDisbursementIsNeverDatedBeforeItsApprovalNorInAClosedMonth() {
        String code = newProgram("SOD6");
        enrol(code, "2023-01", 8600);
        String batch = post("clerk", batches(code, "2023-01"), lines(line(syntheticId(8600), "120.00")), null)
                .expect(201).json().get("batchId").asText();
        review(batch);
        post("finance", approval(batch), "{\"decision\":\"APPROVE\"}").expect(200);
        long before = eventCount();
        Answer early = post("finance", disbursement(batch), "{\"disbursedOn\":\"2000-01-01\"}");
        early.expectProblem(422, "INVALID_DATE");
        assertThat(early.json().get("detail").asText()).contains("before finance approved");
        post("finance", disbursement(batch), "{\"disbursedOn\":\"" + LocalDate.parse(TODAY).minusDays(1) + "\"}")
                .expectProblem(422, "INVALID_DATE");
        assertThat(eventCount()).isEqualTo(before);

        post("finance", "/api/v1/programs/" + code + "/months/" + YearMonth.parse(TODAY.substring(0, 7)) + "/close",
                "{\"reason\":\"月结\"}").expect(201);
        post("finance", disbursement(batch), "{\"disbursedOn\":\"" + TODAY + "\"}").expectProblem(409, "MONTH_CLOSED");

        String other = newProgram("SOD6B");
        enrol(other, "2023-01", 8601);
        String open = post("clerk", batches(other, "2023-01"), lines(line(syntheticId(8601), "120.00")), null)
                .expect(201).json().get("batchId").asText();
        review(open);
        post("finance", approval(open), "{\"decision\":\"APPROVE\"}").expect(200);
        assertThat(post("finance", disbursement(open), "{\"disbursedOn\":\"" + TODAY + "\"}").expect(200).json()
                .get("status").asText()).isEqualTo("DISBURSED");
    }

    @Test
    void fewerReviewLevelsThanTheRegionRequiresTakeAnAdminsRecordedApproval() {
        String code = ("SOD7-" + java.util.UUID.randomUUID().toString().substring(0, 8)).toUpperCase();
        String body = """
                {"code":"%s","name":"两级审核补贴","region":"650100","monthlyStandard":"120.00","reviewLevels":2%s}""";
        long before = eventCount();
        post("admin", "/api/v1/programs", body.formatted(code, "")).expectProblem(422, "REVIEW_LEVELS_BELOW_REQUIRED");
        post("admin", "/api/v1/programs", body.formatted(code, ",\"reviewLevelsApproval\":{\"reason\":\" \"}"))
                .expectProblem(422, "REVIEW_LEVELS_BELOW_REQUIRED");
        assertThat(eventCount()).isEqualTo(before);
        post("admin", "/api/v1/programs", body.formatted(code,
                ",\"reviewLevelsApproval\":{\"reason\":\"县级小额项目，经局务会同意两级审核\"}")).expect(201);
        String payload = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                WHERE aggregate_identifier = ? AND sequence_number = 0""", String.class, code);
        assertThat(payload).contains("\"reviewLevels\":2").contains("\"requiredLevels\":3")
                .contains("\"approvedBy\":\"admin\"").contains("\"approvedRole\":\"ADMIN\"")
                .contains("县级小额项目，经局务会同意两级审核");
        String defaulted = ("SOD7-" + java.util.UUID.randomUUID().toString().substring(0, 8)).toUpperCase();
        post("admin", "/api/v1/programs", """
                {"code":"%s","name":"默认审核","region":"650100","monthlyStandard":"120.00"}""".formatted(defaulted))
                .expect(201);
    }

    /** A recipient paid for January–March, then dead on 2023-01-09: a case of 240.00 (February, March). */
    private String caseOfDeath(String code, int recipient) {
        enrol(code, "2023-01", recipient);
        for (int month = 1; month <= 3; month++) {
            payMonth(code, month, java.util.List.of(syntheticId(recipient)));
        }
        return post("clerk", "/api/v1/recipients/" + syntheticId(recipient) + "/deaths",
                "{\"dateOfDeath\":\"2023-01-09\",\"source\":\"殡葬\"}").expect(201).json()
                .get("overpayments").get(0).get("caseId").asText();
    }

    private JsonNode case_(String caseId) {
        return get("inspector", "/api/v1/overpayments/" + caseId).json();
    }
}
