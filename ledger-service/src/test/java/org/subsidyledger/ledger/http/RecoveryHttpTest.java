package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recovery end to end (rule 7, docs/rules.md): repayments, the write-off maker-checker rule, cancellation, and the ledger. */
class RecoveryHttpTest extends HttpTestBase {

    @Test
    void aCaseIsPartlyRepaidThenTheRestWrittenOffByTwoPeopleAndTheLedgerAndBalanceFollow() {
        String code = newProgram("REC");
        enrol(code, "2023-01", 6000);
        for (int month = 1; month <= 4; month++) {
            approveAndDisburse(post("clerk", batches(code, "2023-%02d".formatted(month)),
                    lines(line(syntheticId(6000), "120.00")), null).expect(201).json().get("batchId").asText(),
                    "2023-%02d-20".formatted(month));
        }
        String caseId = post("clerk", "/api/v1/recipients/" + syntheticId(6000) + "/deaths",
                "{\"dateOfDeath\":\"2023-01-09\",\"source\":\"殡葬\"}").expect(201).json()
                .get("overpayments").get(0).get("caseId").asText();   // February–April: 360.00
        String repayments = "/api/v1/overpayments/" + caseId + "/repayments";

        Answer first = post("inspector", repayments,
                "{\"amount\":\"100.00\",\"receivedOn\":\"2023-05-10\",\"method\":\"FAMILY_REFUND\",\"reference\":\"收据001\"}")
                .expect(201);
        assertThat(first.json().get("status").asText()).isEqualTo("PARTIAL");
        post("inspector", repayments, "{\"amount\":\"260.01\",\"receivedOn\":\"2023-05-11\",\"method\":\"BANK_CLAWBACK\",\"reference\":\"收据-TEST\"}")
                .expectProblem(422, "OVER_RECOVERY");
        post("inspector", repayments, "{\"amount\":\"10.00\",\"receivedOn\":\"2023-05-11\",\"method\":\"GIFT\",\"reference\":\"收据-TEST\"}")
                .expectProblem(422, "INVALID_REPAYMENT_METHOD");
        post("inspector", repayments, "{\"amount\":\"10.001\",\"receivedOn\":\"2023-05-11\",\"method\":\"OTHER\",\"reference\":\"收据-TEST\"}")
                .expectProblem(422, "INVALID_AMOUNT");
        post("clerk", repayments, "{\"amount\":\"10.00\",\"receivedOn\":\"2023-05-11\",\"method\":\"OTHER\",\"reference\":\"收据-TEST\"}")
                .expect(403);

        String writeOff = post("finance", "/api/v1/overpayments/" + caseId + "/write-offs",
                "{\"amount\":\"260.00\",\"reason\":\"家属无力偿还，经集体研究\"}").expect(201).json()
                .get("writeOffId").asText();
        String approval = "/api/v1/overpayments/" + caseId + "/write-offs/" + writeOff + "/approval";
        post("finance", approval, "{\"decision\":\"APPROVE\"}").expectProblem(403, "SEGREGATION_OF_DUTIES");
        post("inspector", approval, "{\"decision\":\"APPROVE\"}").expect(403);
        eventually(() -> "PARTIAL".equals(case_(caseId).path("overpayment").path("status").asText()));
        assertThat(case_(caseId).get("overpayment").get("writtenOff").asText())
                .as("a proposal changes nothing").isEqualTo("0.00");
        Answer approved = post("admin", approval, "{\"decision\":\"APPROVE\",\"comment\":\"同意核销\"}").expect(200);
        assertThat(approved.json().get("status").asText()).isEqualTo("WRITTEN_OFF");
        post("inspector", repayments, "{\"amount\":\"1.00\",\"receivedOn\":\"2023-05-11\",\"method\":\"OTHER\",\"reference\":\"收据-TEST\"}")
                .expectProblem(422, "OVER_RECOVERY");

        eventually(() -> "WRITTEN_OFF".equals(case_(caseId).path("overpayment").path("status").asText()));
        JsonNode overpayment = case_(caseId).get("overpayment");
        assertThat(overpayment.get("amount").asText()).isEqualTo("360.00");
        assertThat(overpayment.get("recovered").asText()).isEqualTo("100.00");
        assertThat(overpayment.get("writtenOff").asText()).isEqualTo("260.00");
        assertThat(overpayment.get("outstanding").asText()).isEqualTo("0.00");
        List<String> history = new ArrayList<>();
        case_(caseId).get("history").forEach(change -> history.add(change.get("change").asText() + " "
                + change.get("recordedBy").asText()));
        assertThat(history).containsExactly("IDENTIFIED clerk", "REPAID inspector", "WRITE_OFF_PROPOSED finance",
                "WRITE_OFF_APPROVED admin");
        eventually(() -> balance(syntheticId(6000), code).path("writtenOff").asText().equals("260.00"));
        JsonNode balance = balance(syntheticId(6000), code);
        assertThat(balance.get("overpaid").asText()).isEqualTo("360.00");
        assertThat(balance.get("recovered").asText()).isEqualTo("100.00");
        assertThat(balance.get("outstanding").asText()).isEqualTo("0.00");
        assertThat(get("inspector", "/api/v1/overpayments?program=" + code + "&status=WRITTEN_OFF").json()
                .get("total").asInt()).isEqualTo(1);
    }

    @Test
    void anInspectorProposesTheCancellationOfACaseRaisedInErrorAnotherApprovesItAndNothingMoreCanBeRecovered() {
        String code = newProgram("CXL");
        enrol(code, "2023-01", 6100);
        for (int month = 1; month <= 2; month++) {
            approveAndDisburse(post("clerk", batches(code, "2023-%02d".formatted(month)),
                    lines(line(syntheticId(6100), "120.00")), null).expect(201).json().get("batchId").asText(),
                    "2023-%02d-20".formatted(month));
        }
        String caseId = post("clerk", "/api/v1/recipients/" + syntheticId(6100) + "/deaths",
                "{\"dateOfDeath\":\"2023-01-09\",\"source\":\"殡葬\"}").expect(201).json()
                .get("overpayments").get(0).get("caseId").asText();
        post("inspector", "/api/v1/overpayments/" + caseId + "/cancellation", "{}").expectProblem(422, "MISSING_VALUE");
        String proposed = post("inspector", "/api/v1/overpayments/" + caseId + "/cancellation",
                "{\"reason\":\"重复立案\"}").expect(201).json().get("cancellationId").asText();
        String approval = "/api/v1/overpayments/" + caseId + "/cancellations/" + proposed + "/approval";
        post("inspector", approval, "{\"decision\":\"APPROVE\"}").expectProblem(403, "SEGREGATION_OF_DUTIES");
        post("clerk", approval, "{\"decision\":\"APPROVE\"}").expect(403);
        assertThat(post("finance", approval, "{\"decision\":\"APPROVE\",\"comment\":\"核实为重复立案\"}").expect(200)
                .json().get("status").asText()).isEqualTo("CANCELLED");
        post("inspector", "/api/v1/overpayments/" + caseId + "/repayments",
                "{\"amount\":\"10.00\",\"receivedOn\":\"2023-05-11\",\"method\":\"OTHER\",\"reference\":\"收据-TEST\"}")
                .expectProblem(409, "INVALID_CASE_STATE");
        post("inspector", "/api/v1/overpayments/" + java.util.UUID.randomUUID() + "/repayments",
                "{\"amount\":\"10.00\",\"receivedOn\":\"2023-05-11\",\"method\":\"OTHER\",\"reference\":\"收据-TEST\"}")
                .expectProblem(404, "UNKNOWN_OVERPAYMENT");
        eventually(() -> "CANCELLED".equals(case_(caseId).path("overpayment").path("status").asText()));

        // The cancelled case keeps its payment: a later fact covering February does not raise it again.
        Answer suspension = post("inspector", "/api/v1/recipients/" + syntheticId(6100) + "/suspensions",
                "{\"kind\":\"OTHER\",\"from\":\"2022-12-05\",\"source\":\"核查\"}").expect(201);
        JsonNode opened = suspension.json().get("overpayments");
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).get("months").toString()).isEqualTo("[\"2023-01\"]");
    }

    /**
     * A suspension learned late overpaid February and March (240.00). The case is recovered by deduction at a
     * quarter of the 120.00 standard: 30.00 from each later payment, next to a family refund of 150.00. May, June
     * (returned by the bank: its deduction is reversed), July and August give 30.00 each and settle the case;
     * September deducts nothing. The other recipient of the same batches is never deducted. Then the suspension is
     * retracted: the case is cancelled and the 240.00 recovered is owed back until finance refunds it.
     */
    @Test
    void aCaseIsRecoveredByCappedDeductionsFromLaterPaymentsAndWhatIsOwedBackAfterARetractionIsRefunded() {
        String code = newProgram("DED");
        enrol(code, "2023-01", 6200, 6201);
        String person = syntheticId(6200);
        String other = syntheticId(6201);
        for (int month = 1; month <= 4; month++) {
            payMonth(code, month, List.of(person, other));
        }
        Answer suspension = post("inspector", "/api/v1/recipients/" + person + "/suspensions",
                "{\"kind\":\"IMPRISONMENT\",\"from\":\"2023-01-05\",\"to\":\"2023-03-10\",\"source\":\"司法\"}")
                .expect(201);
        String factId = suspension.json().get("factId").asText();
        String caseId = suspension.json().get("overpayments").get(0).get("caseId").asText();
        String deduction = "/api/v1/overpayments/" + caseId + "/deduction";

        post("inspector", deduction, "{\"share\":\"0.6\"}").expectProblem(422, "INVALID_DEDUCTION_SHARE");
        post("inspector", deduction, "{\"share\":\"a third\"}").expectProblem(422, "INVALID_DEDUCTION_SHARE");
        post("finance", deduction, "{\"share\":\"0.25\"}").expect(403);
        post("inspector", deduction + "/end", "{\"reason\":\"x\"}").expectProblem(409, "DEDUCTION_NOT_ARRANGED");
        post("inspector", deduction, "{\"share\":\"0.25\",\"recipientAgreed\":true}").expect(200);

        Answer may = payMonth(code, 5, List.of(person, other));
        assertThat(may.json().get("deductedLines").asInt()).isEqualTo(1);
        assertThat(may.json().get("deducted").asText()).isEqualTo("30.00");
        Answer june = payMonth(code, 6, List.of(person, other));
        String juneBatch = june.json().get("batchId").asText();
        post("inspector", "/api/v1/overpayments/" + caseId + "/repayments",
                "{\"amount\":\"150.00\",\"receivedOn\":\"2023-06-28\",\"method\":\"FAMILY_REFUND\",\"reference\":\"收据-TEST\"}").expect(201);
        post("finance", returns(juneBatch), "{\"reference\":\"退票通知-01\",\"lines\":[{\"recipientId\":\"" + person + "\",\"reason\":\"账户冻结\"}]}")
                .expect(201);
        assertThat(payMonth(code, 7, List.of(person, other)).json().get("deducted").asText()).isEqualTo("30.00");
        Answer august = payMonth(code, 8, List.of(person, other));
        assertThat(august.json().get("deducted").asText()).isEqualTo("30.00");
        Answer september = payMonth(code, 9, List.of(person, other));
        assertThat(september.json().get("deductedLines").asInt()).as("nothing left to recover").isZero();

        eventually(() -> case_(caseId).path("history").size() == 8);
        JsonNode overpayment = case_(caseId).get("overpayment");
        assertThat(overpayment.get("status").asText()).isEqualTo("RECOVERED");
        assertThat(overpayment.get("recovered").asText()).isEqualTo("240.00");
        assertThat(overpayment.get("outstanding").asText()).isEqualTo("0.00");
        assertThat(overpayment.get("deductionCap").asText()).isEqualTo("30.00");
        List<String> history = new ArrayList<>();
        case_(caseId).get("history").forEach(change -> history.add(change.get("change").asText() + " "
                + change.get("amount").asText() + " " + change.get("recordedBy").asText()));
        assertThat(history).containsExactly("IDENTIFIED 240.00 inspector", "DEDUCTION_ARRANGED 30.00 inspector",
                "REPAID 30.00 finance", "REPAID 30.00 finance", "REPAID 150.00 inspector",
                "REPAYMENT_REVERSED 30.00 finance", "REPAID 30.00 finance", "REPAID 30.00 finance");

        // Each payment records its gross line and the deduction; the batch its total kept back.
        eventually(() -> get("auditor", "/api/v1/batches/" + august.json().get("batchId").asText()).json()
                .path("batch").path("deductedTotal").asText().equals("30.00"));
        JsonNode juneLines = get("inspector", "/api/v1/batches/" + juneBatch + "/lines").json().get("items");
        for (JsonNode line : juneLines) {
            boolean deducted = line.get("recipientId").asText().equals(person);
            assertThat(line.get("amount").asText()).isEqualTo("120.00");
            assertThat(line.get("deducted").asText()).isEqualTo(deducted ? "30.00" : "0.00");
            assertThat(line.get("state").asText()).isEqualTo(deducted ? "RETURNED" : "PAID");
        }
        eventually(() -> balance(person, code).path("recovered").asText().equals("240.00"));
        JsonNode balance = balance(person, code);
        assertThat(balance.get("overpaid").asText()).isEqualTo("240.00");
        assertThat(balance.get("outstanding").asText()).isEqualTo("0.00");
        assertThat(balance.get("refundDue").asText()).isEqualTo("0.00");
        assertThat(balance(other, code).get("recovered").asText()).isEqualTo("0.00");

        // The suspension was wrong: the case is cancelled and everything recovered is owed back.
        changeFactApproved("inspector", "clerk", factId, "retraction", "{\"reason\":\"判决撤销\"}");
        eventually(() -> "CANCELLED".equals(case_(caseId).path("overpayment").path("status").asText()));
        assertThat(case_(caseId).get("overpayment").get("refundDue").asText()).isEqualTo("240.00");
        assertThat(case_(caseId).get("overpayment").get("deductionCap").isNull()).isTrue();
        eventually(() -> balance(person, code).path("refundDue").asText().equals("240.00"));
        assertThat(balance(person, code).get("overpaid").asText()).isEqualTo("0.00");
        assertThat(balance(person, code).get("outstanding").asText()).isEqualTo("0.00");
        String refunds = "/api/v1/overpayments/" + caseId + "/refunds";
        post("finance", refunds, "{\"amount\":\"240.01\",\"paidOn\":\"2023-10-08\"}").expectProblem(422, "OVER_REFUND");
        post("inspector", refunds, "{\"amount\":\"240.00\",\"paidOn\":\"2023-10-08\"}").expect(403);
        Answer refunded = post("finance", refunds,
                "{\"amount\":\"240.00\",\"paidOn\":\"2023-10-08\",\"reference\":\"退款凭证 12\"}").expect(201);
        assertThat(refunded.json().get("status").asText()).isEqualTo("CANCELLED");
        eventually(() -> balance(person, code).path("refundDue").asText().equals("0.00"));
        assertThat(balance(person, code).get("recovered").asText()).isEqualTo("0.00");
        assertThat(payMonth(code, 10, List.of(person, other)).json().get("deductedLines").asInt()).isZero();
    }

    private JsonNode case_(String caseId) {
        return get("inspector", "/api/v1/overpayments/" + caseId).json();
    }
}
