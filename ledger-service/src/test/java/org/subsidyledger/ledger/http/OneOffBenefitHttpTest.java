package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * One-off benefits end to end (rule 13, docs/rules.md): a funeral grant needs a recorded death, each kind is paid once
 * per recipient across programs, a returned grant is no payment, and a grant whose death is retracted after it was
 * paid becomes a {@code DUPLICATE_ONE_OFF} case recovered like any other.
 */
class OneOffBenefitHttpTest extends HttpTestBase {

    @Test
    void aFuneralGrantNeedsARecordedDeathAndIsPaidOnceAcrossPrograms() {
        String first = newProgram("ONE");
        String second = newProgram("ONE");
        enrol(first, "2023-01", 11000, 11001);
        enrol(second, "2023-01", 11000, 11002);
        String dead = syntheticId(11000);

        Answer noDeath = post("clerk", batches(first, "2023-02"), lines(line(syntheticId(11001), "120.00"),
                oneOff(dead, "2000.00", "FUNERAL_GRANT")), null).expect(201);
        assertThat(noDeath.json().get("accepted").asInt()).isEqualTo(1);
        assertRejected(noDeath, 2, "DEATH_NOT_RECORDED");

        post("clerk", "/api/v1/recipients/" + dead + "/deaths", "{\"dateOfDeath\":\"2023-02-03\",\"source\":\"殡葬\"}")
                .expect(201);
        byte[] file = ("身份证号,姓名,金额,备注,补发月份,一次性待遇\n" + dead + ",受益人,2000.00,,,FUNERAL_GRANT\n")
                .getBytes(StandardCharsets.UTF_8);
        Answer grant = postFile("clerk", batches(first, "2023-03"), "丧葬补助.csv", file, null).expect(201);
        assertThat(grant.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(grant.json().get("acceptedTotal").asText()).isEqualTo("2000.00");
        assertThat(grant.json().get("short").asInt()).isZero();
        String grantBatch = grant.json().get("batchId").asText();
        Answer disbursed = approveAndDisburse(grantBatch, "2023-03-20");
        assertThat(disbursed.json().get("stoppedLines").asInt())
                .as("a death before the batch's month does not stop a one-off line").isZero();

        Answer again = post("clerk", batches(second, "2023-03"), lines(line(syntheticId(11002), "120.00"),
                oneOff(dead, "1800.00", "FUNERAL_GRANT")), null).expect(201);
        assertRejected(again, 2, "DUPLICATE_ONE_OFF");
        assertThat(again.json().get("rejected").get(0).get("message").asText()).contains(grantBatch);

        Answer balance = post("clerk", batches(first, "2023-04"), lines(
                oneOff(syntheticId(11001), "500.00", "ACCOUNT_BALANCE"),
                oneOff(syntheticId(11001), "500.00", "ACCOUNT_BALANCE")), null).expect(201);
        assertThat(balance.json().get("accepted").asInt()).as("an account balance needs no death").isEqualTo(1);
        assertRejected(balance, 2, "DUPLICATE_ONE_OFF");
        Answer pendingElsewhere = post("clerk", batches(first, "2023-05"), lines(
                oneOff(syntheticId(11001), "500.00", "ACCOUNT_BALANCE"), line(syntheticId(11001), "120.00")), null)
                .expectProblem(422, "INVALID_ROWS");
        assertThat(pendingElsewhere.text()).contains("DUPLICATE_ONE_OFF");
        post("clerk", batches(first, "2023-05"), lines(oneOff(syntheticId(11001), "5.00", "PENSION_TOP_UP")), null)
                .expectProblem(422, "INVALID_ROWS");
    }

    @Test
    void aGrantPaidOnADeathRetractedLaterIsOverpaidAndRecoveredByARepayment() {
        String code = newProgram("ONR");
        enrol(code, "2023-01", 11010);
        String id = syntheticId(11010);
        payMonth(code, 1, java.util.List.of(id));
        String death = post("clerk", "/api/v1/recipients/" + id + "/deaths",
                "{\"dateOfDeath\":\"2023-01-28\",\"source\":\"公安\"}").expect(201).json().get("factId").asText();
        String batch = post("clerk", batches(code, "2023-02"), lines(oneOff(id, "3000.00", "FUNERAL_GRANT")), null)
                .expect(201).json().get("batchId").asText();
        approveAndDisburse(batch, "2023-02-20");

        Answer retracted = post("clerk", "/api/v1/facts/" + death + "/retraction",
                "{\"reason\":\"公安比对有误，本人健在\"}").expect(201);
        JsonNode opened = retracted.json().get("overpayments").get(0);
        assertThat(opened.get("cause").asText()).isEqualTo("DUPLICATE_ONE_OFF");
        assertThat(opened.get("change").asText()).isEqualTo("IDENTIFIED");
        assertThat(opened.get("amount").asText()).isEqualTo("3000.00");
        String caseId = opened.get("caseId").asText();

        payMonth(code, 2, java.util.List.of(id));   // the months are due again; the grant's case is left alone
        eventually(() -> "OPEN".equals(case_(caseId).path("overpayment").path("status").asText()));
        JsonNode overpayment = case_(caseId).get("overpayment");
        assertThat(overpayment.get("cause").asText()).isEqualTo("DUPLICATE_ONE_OFF");
        assertThat(overpayment.get("amount").asText()).isEqualTo("3000.00");

        Answer repaid = post("inspector", "/api/v1/overpayments/" + caseId + "/repayments",
                "{\"amount\":\"3000.00\",\"receivedOn\":\"2023-03-10\",\"method\":\"FAMILY_REFUND\",\"reference\":\"收据-丧葬\"}")
                .expect(201);
        assertThat(repaid.json().get("status").asText()).isEqualTo("RECOVERED");
    }

    @Test
    void aReturnedGrantIsNoPaymentSoItsReissueIsNoDuplicate() {
        String code = newProgram("ONB");
        enrol(code, "2023-01", 11020);
        String id = syntheticId(11020);
        post("clerk", "/api/v1/recipients/" + id + "/deaths", "{\"dateOfDeath\":\"2023-01-10\",\"source\":\"殡葬\"}")
                .expect(201);
        String first = post("clerk", batches(code, "2023-02"), lines(oneOff(id, "2000.00", "FUNERAL_GRANT")), null)
                .expect(201).json().get("batchId").asText();
        approveAndDisburse(first, "2023-02-20");
        post("finance", returns(first), "{\"reference\":\"退票-丧葬\",\"lines\":[{\"recipientId\":\"" + id
                + "\",\"reason\":\"账户已销户\"}]}").expect(201);

        String reissue = post("clerk", batches(code, "2023-03"), lines(oneOff(id, "2000.00", "FUNERAL_GRANT")), null)
                .expect(201).json().get("batchId").asText();
        approveAndDisburse(reissue, "2023-03-20");
        assertThat(balance(id, code).path("overpaid").asText("0.00")).isEqualTo("0.00");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM overpayment_case_index WHERE recipient_id = ?",
                Long.class, id)).isZero();
    }

    @Test
    void aPendingGrantWhoseDeathIsRetractedIsStoppedAtDisbursement() {
        String code = newProgram("ONS");
        enrol(code, "2023-01", 11030);
        String id = syntheticId(11030);
        String death = post("clerk", "/api/v1/recipients/" + id + "/deaths",
                "{\"dateOfDeath\":\"2023-01-10\",\"source\":\"殡葬\"}").expect(201).json().get("factId").asText();
        String batch = post("clerk", batches(code, "2023-02"), lines(oneOff(id, "2000.00", "FUNERAL_GRANT")), null)
                .expect(201).json().get("batchId").asText();
        post("clerk", "/api/v1/facts/" + death + "/retraction", "{\"reason\":\"登记错误\"}").expect(201);

        Answer disbursed = approveAndDisburse(batch, "2023-02-20");
        assertThat(disbursed.json().get("stoppedLines").asInt()).isEqualTo(1);
    }

    private JsonNode case_(String caseId) {
        return get("inspector", "/api/v1/overpayments/" + caseId).json();
    }

    private static void assertRejected(Answer answer, int line, String code) {
        assertThat(answer.json().get("rejected")).anySatisfy(problem -> {
            assertThat(problem.get("line").asInt()).isEqualTo(line);
            assertThat(problem.get("code").asText()).isEqualTo(code);
        });
    }

    private static String oneOff(String id, String amount, String benefit) {
        return "{\"recipientId\":\"" + id + "\",\"name\":\"受益人\",\"amount\":\"" + amount + "\",\"benefit\":\""
                + benefit + "\"}";
    }
}
