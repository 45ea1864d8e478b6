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

    private static JsonNode processor(JsonNode status, String name) {
        for (JsonNode processor : status.get("processors")) {
            if (processor.get("name").asText().equals(name)) {
                return processor;
            }
        }
        return null;
    }
}
