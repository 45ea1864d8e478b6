package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Month close (月结) end to end: a closed month keeps the figures it had at its close; a later bank return of one of
 * its payments shows as an adjustment in the next open month, the year's figures move, and the closed figures stay
 * reproducible as of any moment.
 */
class MonthCloseHttpTest extends HttpTestBase {

    @Test
    void aClosedMonthKeepsItsFiguresAndLaterChangesShowAsAdjustmentsInTheNextOpenMonth() throws Exception {
        String code = newProgram("CLOSE");
        enrol(code, "2023-01", 8300, 8301);
        String a = syntheticId(8300);
        String b = syntheticId(8301);
        payMonth(code, 1, List.of(a, b));
        String february = payMonth(code, 2, List.of(a, b)).json().get("batchId").asText();
        String close = "/api/v1/programs/" + code + "/months/%s/close";
        eventually(() -> months(code, null).containsKey("2023-02"));

        post("clerk", close.formatted("2023-01"), "{}").expect(403);
        post("finance", close.formatted("2023-13"), "{}").expectProblem(422, "INVALID_MONTH");
        post("finance", close.formatted("2999-01"), "{}").expectProblem(422, "INVALID_MONTH");
        post("finance", "/api/v1/programs/NOPE/months/2023-01/close", "{}").expectProblem(404, "UNKNOWN_PROGRAM");
        JsonNode january = post("finance", close.formatted("2023-01"), "{\"reason\":\"1月月结\"}").expect(201).json();
        assertThat(january.get("figures").get("payments").asLong()).isEqualTo(2);
        assertThat(january.get("figures").get("spending").asText()).isEqualTo("240.00");
        post("finance", close.formatted("2023-01"), "{}").expectProblem(409, "MONTH_ALREADY_CLOSED");
        post("finance", close.formatted("2023-03"), "{}").expectProblem(409, "MONTH_CLOSE_OUT_OF_ORDER");
        post("admin", close.formatted("2023-02"), "").expect(201);
        eventually(() -> months(code, null).get("2023-02").hasNonNull("closedAt"));

        Thread.sleep(20);
        Instant beforeReturn = Instant.now();
        Thread.sleep(20);
        post("finance", returns(february), "{\"reference\":\"退票通知-01\",\"lines\":[{\"recipientId\":\"" + b + "\",\"reason\":\"账户冻结\"}]}")
                .expect(201);
        eventually(() -> "360.00".equals(figure(code, "budgetExecutionRate").path("numerator").asText()));

        Map<String, JsonNode> months = months(code, null);
        JsonNode closedFebruary = months.get("2023-02");
        assertThat(closedFebruary.get("payments").asLong()).as("sealed at the close").isEqualTo(2);
        assertThat(closedFebruary.get("linesReturned").asLong()).isZero();
        assertThat(closedFebruary.get("spending").asText()).isEqualTo("240.00");
        assertThat(closedFebruary.get("adjustments").isNull()).isTrue();
        JsonNode march = months.get("2023-03");
        assertThat(march.get("closedAt").isNull()).as("the next open month").isTrue();
        assertThat(march.get("payments").asLong()).isZero();
        JsonNode adjustments = march.get("adjustments");
        assertThat(adjustments.get("payments").asLong()).isEqualTo(-1);
        assertThat(adjustments.get("linesReturned").asLong()).isEqualTo(1);
        assertThat(adjustments.get("fullPayments").asLong()).isEqualTo(-1);
        assertThat(adjustments.get("spending").asText()).isEqualTo("-120.00");
        long paidOverMonths = 0;
        for (JsonNode month : months.values()) {
            paidOverMonths += month.get("payments").asLong()
                    + (month.get("adjustments").isNull() ? 0 : month.get("adjustments").get("payments").asLong());
        }
        assertThat(paidOverMonths).as("sealed months plus adjustments make the year").isEqualTo(3);
        assertThat(months(code, Instant.now())).as("the same from the lines as of now").isEqualTo(months);

        Map<String, JsonNode> asOfBeforeReturn = months(code, beforeReturn);
        assertThat(asOfBeforeReturn.get("2023-02").get("payments").asLong()).isEqualTo(2);
        assertThat(asOfBeforeReturn.get("2023-03").get("adjustments").get("payments").asLong()).isZero();

        String marchBatch = post("clerk", batches(code, "2023-03"), lines(line(a, "120.00")), null).expect(201)
                .json().get("batchId").asText();
        eventually(() -> get("auditor", "/api/v1/batches/" + marchBatch).status() == 200);
        post("finance", close.formatted("2023-03"), "{}").expectProblem(409, "MONTH_HAS_PENDING_BATCHES");
        approveAndDisburse(marchBatch, "2023-03-20");
        eventually(() -> months(code, null).get("2023-03").get("payments").asLong() == 1);
        JsonNode closedMarch = post("finance", close.formatted("2023-03"), "{}").expect(201).json();
        assertThat(closedMarch.get("figures").get("payments").asLong()).as("its own payments, not the adjustments")
                .isEqualTo(1);
        eventually(() -> months(code, null).containsKey("2023-04"));
        JsonNode april = months(code, null).get("2023-04");
        assertThat(april.get("adjustments").get("payments").asLong()).as("the closed months' changes so far")
                .isEqualTo(-1);
    }

    private JsonNode figure(String code, String key) {
        for (JsonNode figure : get("evaluator", "/api/v1/programs/" + code + "/indicators?year=2023").json()
                .get("indicators")) {
            if (figure.get("key").asText().equals(key)) {
                return figure;
            }
        }
        throw new AssertionError("no figure " + key);
    }

    private Map<String, JsonNode> months(String code, Instant asOf) {
        Map<String, JsonNode> months = new LinkedHashMap<>();
        get("evaluator", "/api/v1/programs/" + code + "/indicators?year=2023" + (asOf == null ? "" : "&asOf=" + asOf))
                .expect(200).json().get("months").forEach(m -> months.put(m.get("month").asText(), m));
        return months;
    }
}
