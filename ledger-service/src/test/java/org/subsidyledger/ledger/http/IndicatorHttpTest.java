package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The indicators of a small program-year, each against a hand computation, now and as of a moment before a death
 * learned late (docs/indicators.md, issue 6).
 *
 * <p>Standard 120.00, deadline the 25th; plan 2023: 4 recipients, 12 payouts, budget 6,000.00; funds 5,000.00.
 * A, B and C enrolled from January. January: A 120, B 120, C 100 (short), paid on the 20th. February: 120 each, paid
 * on the 27th (late). March: 120 each, paid on the 20th; the bank returns C's March. Then B's death on 10 January
 * is learned: his February and March become not due (a 240.00 case), and 100.00 of it is repaid.
 */
class IndicatorHttpTest extends HttpTestBase {

    @Test
    void everyIndicatorMatchesTheHandComputationNowAndAsOfBeforeTheLateDeath() throws Exception {
        String code = newProgram("IND");
        put("admin", "/api/v1/programs/" + code + "/plans/2023",
                "{\"plannedRecipients\":4,\"plannedPayouts\":12,\"budget\":\"6000.00\"}").expect(200);
        post("finance", "/api/v1/programs/" + code + "/funds",
                "{\"amount\":\"5000.00\",\"receivedOn\":\"2023-01-05\",\"reference\":\"乌财社〔2023〕1号\"}").expect(201);
        enrol(code, "2023-01", 8000, 8001, 8002);
        String a = syntheticId(8000);
        String b = syntheticId(8001);
        String c = syntheticId(8002);
        pay(code, "2023-01", "2023-01-20", line(a, "120.00"), line(b, "120.00"), line(c, "100.00"));
        pay(code, "2023-02", "2023-02-27", line(a, "120.00"), line(b, "120.00"), line(c, "120.00"));
        String march = pay(code, "2023-03", "2023-03-20", line(a, "120.00"), line(b, "120.00"), line(c, "120.00"));
        post("finance", returns(march), "{\"reference\":\"退票通知-01\",\"lines\":[{\"recipientId\":\"" + c + "\",\"reason\":\"账户销户\"}]}")
                .expect(201);
        eventually(() -> "940.00".equals(figures(code, null).get("budgetExecutionRate").path("numerator").asText())
                && "0.8333".equals(figures(code, null).get("fundsArrivalRate").path("value").asText()));

        Map<String, JsonNode> before = figures(code, null);
        assertFigure(before, "fundsArrivalRate", "5000.00", "6000.00", "0.8333");
        assertFigure(before, "budgetExecutionRate", "940.00", "5000.00", "0.1880");
        assertFigure(before, "recipientCompletionRate", "3", "4", "0.7500");
        assertFigure(before, "yearEndRecipientCompletionRate", "2", "4", "0.5000"); // March, less the return
        assertFigure(before, "payoutCompletionRate", "3", "12", "0.2500");
        assertFigure(before, "dueCoverageRate", "8", "9", "0.8889");
        assertFigure(before, "fullPaymentRate", "7", "8", "0.8750");
        assertFigure(before, "fullPaymentAmountRate", "940.00", "1080.00", "0.8704");
        assertFigure(before, "onTimeRate", "2", "3", "0.6667");
        assertFigure(before, "lateBatches", "1", null, "1");
        assertFigure(before, "dueNotPaidPersonMonths", "1", null, "1");
        assertFigure(before, "firstAttemptSuccessRate", "8", "9", "0.8889");
        assertFigure(before, "averagePerPersonMonth", "940.00", "8", "117.50");
        assertFigure(before, "costSavingRate", "2.50", "120.00", "0.0208");
        assertFigure(before, "recoveryRate", "0.00", "0.00", null);
        assertFigure(before, "overpaymentCases.DEATH", "0", null, "0");

        java.util.List<String> months = new java.util.ArrayList<>();
        get("evaluator", "/api/v1/programs/" + code + "/indicators?year=2023").json().get("months").forEach(m ->
                months.add(String.join(" ", m.get("month").asText(), m.get("batches").asText(),
                        m.get("onTimeBatches").asText(), m.get("linesSent").asText(), m.get("linesReturned").asText(),
                        m.get("payments").asText(), m.get("fullPayments").asText(), m.get("spending").asText())));
        assertThat(months).as("month, batches, on time, sent, returned, payments, full, spending").containsExactly(
                "2023-01 1 1 3 0 3 2 340.00", "2023-02 1 0 3 0 3 3 360.00", "2023-03 1 1 3 1 2 2 240.00");
        for (String basis : BASES) {
            assertBasisEqualsFigure(code, basis, null, before);
        }
        JsonNode late = get("auditor", "/api/v1/programs/" + code + "/indicators/onTimeRate/basis?year=2023"
                + "&side=denominator").json();
        assertThat(late.get("rows").get("items").get(1).get("on_time").asBoolean()).as("February").isFalse();
        assertThat(late.get("rows").get("items").get(1).get("disbursed_event_id").asText()).isNotBlank();
        get("auditor", "/api/v1/programs/" + code + "/indicators/lateBatches/basis?year=2023&side=denominator")
                .expectProblem(400, "INVALID_QUERY"); // a count has no denominator

        Thread.sleep(20);
        Instant beforeDeath = Instant.now();
        Thread.sleep(20);
        String caseId = post("clerk", "/api/v1/recipients/" + b + "/deaths",
                "{\"dateOfDeath\":\"2023-01-10\",\"source\":\"殡葬\"}").expect(201).json()
                .get("overpayments").get(0).get("caseId").asText();
        post("inspector", "/api/v1/overpayments/" + caseId + "/repayments",
                "{\"amount\":\"100.00\",\"receivedOn\":\"2023-04-02\",\"method\":\"FAMILY_REFUND\",\"reference\":\"收据-TEST\"}").expect(201);
        eventually(() -> "100.00".equals(figures(code, null).get("recoveryRate").path("numerator").asText())
                && "6".equals(figures(code, null).get("dueCoverageRate").path("numerator").asText()));

        Map<String, JsonNode> after = figures(code, null);
        assertFigure(after, "dueCoverageRate", "6", "7", "0.8571");
        assertFigure(after, "fullPaymentAmountRate", "940.00", "840.00", "1.1190");
        assertFigure(after, "dueNotPaidPersonMonths", "1", null, "1");
        assertFigure(after, "recoveryRate", "100.00", "240.00", "0.4167");
        assertFigure(after, "recoveryHeadcountRate", "0", "1", "0.0000");
        assertFigure(after, "overpaymentCases.DEATH", "1", null, "1");
        assertFigure(after, "overpaymentAmount.DEATH", "240.00", null, "240.00");
        assertFigure(after, "budgetExecutionRate", "940.00", "5000.00", "0.1880");

        for (String basis : BASES) {
            assertBasisEqualsFigure(code, basis, null, after);
            assertBasisEqualsFigure(code, basis, beforeDeath, before);
        }
        assertBasisEqualsFigure(code, "overpaymentCases.DEATH/numerator", null, after);
        for (String basis : List.of("overpaymentAmount.DEATH/numerator", "recoveryHeadcountRate/numerator",
                "recoveryHeadcountRate/denominator")) { // sides listed since the registry
            assertBasisEqualsFigure(code, basis, null, after);
            assertBasisEqualsFigure(code, basis, beforeDeath, before);
        }
        JsonNode registry = get("auditor", "/api/v1/indicators").expect(200).json();
        java.util.Set<String> declared = new java.util.HashSet<>();
        registry.forEach(indicator -> declared.add(indicator.get("key").asText()));
        assertThat(declared).as("the registry declares every figure of the table").isEqualTo(after.keySet());
        assertThat(registry.get(0).get("numerator").get("source").asText()).isEqualTo("funds");
        assertDueMonthsAddUp(code, null, after);
        assertDueMonthsAddUp(code, beforeDeath, before);

        Map<String, JsonNode> asOfBefore = figures(code, beforeDeath);
        assertThat(asOfBefore).as("as of a moment before the death, the figures are those answered then")
                .isEqualTo(before);
        assertThat(figures(code, Instant.now())).as("computed from the lines as of now, the figures are those of "
                + "the running totals").isEqualTo(after);

        get("evaluator", "/api/v1/programs/" + code + "/indicators?year=2023&asOf=yesterday")
                .expectProblem(400, "INVALID_QUERY");
        get("clerk", "/api/v1/programs/" + code + "/indicators?year=2023").expect(403);
        get("evaluator", "/api/v1/programs/NOPE/indicators?year=2023").expectProblem(404, "UNKNOWN_PROGRAM");
    }

    /** The drill-downs checked against their figures: key/side. */
    private static final String[] BASES = {"fundsArrivalRate/numerator", "budgetExecutionRate/numerator",
            "budgetExecutionRate/denominator", "recipientCompletionRate/numerator", "yearEndRecipientCompletionRate/numerator",
            "payoutCompletionRate/numerator",
            "fullPaymentRate/numerator", "fullPaymentRate/denominator", "onTimeRate/numerator",
            "onTimeRate/denominator", "lateBatches/numerator", "firstAttemptSuccessRate/numerator",
            "firstAttemptSuccessRate/denominator", "averagePerPersonMonth/numerator",
            "averagePerPersonMonth/denominator", "recoveryRate/numerator", "recoveryRate/denominator"};

    /**
     * The due person-months listed per recipient add up to the figures that count them: due months, those paid, those
     * not paid, and their standard amount.
     */
    private void assertDueMonthsAddUp(String code, Instant asOf, Map<String, JsonNode> figures) {
        String query = "/basis?year=2023&size=1000" + (asOf == null ? "" : "&asOf=" + asOf);
        String base = "/api/v1/programs/" + code + "/indicators/";
        JsonNode denominator = get("auditor", base + "dueCoverageRate" + query + "&side=denominator").expect(200).json();
        long due = 0;
        long paidDue = 0;
        java.math.BigDecimal dueAmount = java.math.BigDecimal.ZERO;
        for (JsonNode row : denominator.get("rows").get("items")) {
            due += row.get("due_months").asLong();
            paidDue += row.get("paid_due_months").asLong();
            dueAmount = dueAmount.add(new java.math.BigDecimal(row.get("due").asText()));
        }
        assertThat(denominator.get("kind").asText()).isEqualTo("dueMonths");
        assertThat(due).as("due person-months as of %s", asOf)
                .isEqualTo(figures.get("dueCoverageRate").get("denominator").asLong())
                .isEqualTo(denominator.get("count").asLong());
        assertThat(paidDue).isEqualTo(figures.get("dueCoverageRate").get("numerator").asLong())
                .isEqualTo(get("auditor", base + "dueCoverageRate" + query + "&side=numerator").json().get("count")
                        .asLong());
        assertThat(due - paidDue).isEqualTo(figures.get("dueNotPaidPersonMonths").get("numerator").asLong());
        assertThat(dueAmount.toPlainString()).isEqualTo(figures.get("fullPaymentAmountRate").get("denominator").asText())
                .isEqualTo(get("auditor", base + "fullPaymentAmountRate" + query + "&side=denominator").json()
                        .get("sum").asText());
    }

    /** The rows behind one side of a figure count or sum to exactly that side, as of the same moment. */
    private void assertBasisEqualsFigure(String code, String basis, Instant asOf, Map<String, JsonNode> figures) {
        String key = basis.substring(0, basis.indexOf('/'));
        String side = basis.substring(basis.indexOf('/') + 1);
        JsonNode answer = get("auditor", "/api/v1/programs/" + code + "/indicators/" + key + "/basis?year=2023&side="
                + side + "&size=1000" + (asOf == null ? "" : "&asOf=" + asOf)).expect(200).json();
        String expected = figures.get(key).get(side).asText();
        String actual = answer.get("sum").isNull() ? answer.get("count").asText() : answer.get("sum").asText();
        assertThat(actual).as("%s as of %s", basis, asOf).isEqualTo(expected);
        assertThat(answer.get("rows").get("items").size()).as("%s rows", basis)
                .isEqualTo(Math.min(1000, answer.get("count").asInt()));
    }

    private String pay(String code, String period, String disbursedOn, String... lines) {
        String batch = post("clerk", batches(code, period), lines(lines), null).expect(201).json().get("batchId")
                .asText();
        approveAndDisburse(batch, disbursedOn);
        return batch;
    }

    private Map<String, JsonNode> figures(String code, Instant asOf) {
        JsonNode table = get("evaluator", "/api/v1/programs/" + code + "/indicators?year=2023"
                + (asOf == null ? "" : "&asOf=" + asOf)).expect(200).json();
        Map<String, JsonNode> figures = new LinkedHashMap<>();
        table.get("indicators").forEach(figure -> figures.put(figure.get("key").asText(), figure));
        return figures;
    }
}
