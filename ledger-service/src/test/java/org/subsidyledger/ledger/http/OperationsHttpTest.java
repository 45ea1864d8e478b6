package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** What an operator watches: processor segments with their owners and lag, and the Prometheus metrics. */
class OperationsHttpTest extends HttpTestBase {

    @Test
    void listsEachProcessorsSegmentsWithTheirOwnerAndLag() {
        newProgram("OPS");
        eventually(() -> {
            JsonNode view = processor(get("admin", "/api/v1/operations/processors").expect(200).json(), "program-view");
            return view != null && view.get("lagEvents").asLong() == 0;
        });
        JsonNode status = get("admin", "/api/v1/operations/processors").json();
        JsonNode batchView = processor(status, "batch-view");
        assertThat(batchView.get("segments")).hasSize(2);
        for (JsonNode segment : batchView.get("segments")) {
            assertThat(segment.get("owner").asText()).as("claimed by this instance").isEqualTo(status.get("node").asText());
        }
        assertThat(batchView.get("runningHere").asBoolean()).isTrue();
        assertThat(batchView.get("segmentsHere")).hasSize(2);
        assertThat(processor(status, "event-chain").get("segments")).hasSize(1);
        get("clerk", "/api/v1/operations/processors").expectProblem(403, "FORBIDDEN");
    }

    @Test
    void prometheusMetricsNeedCredentialsAndCarryProcessorLag() {
        get(null, "/actuator/prometheus").expect(401);
        Answer metrics = get("admin", "/actuator/prometheus").expect(200);
        assertThat(metrics.text()).contains("ledger_processor_lag_events{").contains("processor=\"batch-view\"")
                .contains("ledger_processor_lag_seconds").contains("ledger_batch_post_seconds").contains("http_server_requests_seconds");
    }

    @Test
    void reconciliationAgreesWithTheEventsUntilAReadModelLosesARow() {
        String code = newProgram("RECON");
        enrol(code, "2023-01", 5100, 5101, 5102);
        java.util.List<String> ids = java.util.List.of(syntheticId(5100), syntheticId(5101), syntheticId(5102));
        payMonth(code, 1, ids);
        payMonth(code, 2, ids.subList(0, 2));
        String path = "/api/v1/operations/reconciliation?program=" + code;
        eventually(() -> get("admin", path).json().get("agrees").asBoolean());
        JsonNode report = get("admin", path).json();
        assertThat(report.get("rows").asInt()).as("two months of batches and the enrolments").isEqualTo(3);
        JsonNode january = null;
        for (JsonNode row : report.get("all")) {
            if ("2023-01".equals(row.path("month").asText()) && "batches".equals(row.get("subject").asText())) {
                january = row;
            }
        }
        assertThat(january).isNotNull();
        assertThat(january.get("sources").get("events").get("lines").asLong()).isEqualTo(3);
        assertThat(january.get("sources").get("events").get("amountFen").asLong()).isEqualTo(36000);
        assertThat(january.get("sources").get("batch_view").get("disbursed").asLong()).isEqualTo(1);

        java.util.Map<String, Object> lost = jdbc.queryForMap(
                "SELECT * FROM batch_line_view WHERE program_code = ? AND period = '2023-02-01' LIMIT 1", code);
        jdbc.update("DELETE FROM batch_line_view WHERE batch_id = ? AND recipient_id = ?", lost.get("batch_id"),
                lost.get("recipient_id"));
        try {
            JsonNode broken = get("admin", path).json();
            assertThat(broken.get("agrees").asBoolean()).isFalse();
            assertThat(broken.get("differences")).hasSize(1);
            JsonNode february = broken.get("differences").get(0);
            assertThat(february.get("month").asText()).isEqualTo("2023-02");
            assertThat(february.get("sources").get("batch_line_view").get("lines").asLong()).isEqualTo(1);
            assertThat(february.get("sources").get("payout_line_index").get("lines").asLong()).isEqualTo(2);
        } finally {
            jdbc.update("""
                    INSERT INTO batch_line_view (batch_id, recipient_id, program_code, period, line, name, amount_fen,
                        standard_fen, mark, event_id, returned_at, return_reason)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", lost.get("batch_id"), lost.get("recipient_id"),
                    lost.get("program_code"), lost.get("period"), lost.get("line"), lost.get("name"),
                    lost.get("amount_fen"), lost.get("standard_fen"), lost.get("mark"), lost.get("event_id"),
                    lost.get("returned_at"), lost.get("return_reason"));
        }
        assertThat(get("admin", path).json().get("agrees").asBoolean()).isTrue();
        get("auditor", path).expectProblem(403, "FORBIDDEN");
    }

    private static JsonNode processor(JsonNode status, String name) {
        for (JsonNode processor : status.get("processors")) {
            if (processor.get("name").asText().equals(name)) {
                return processor;
            }
        }
        return null;
    }
}
