package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.subsidyledger.contract.error.ErrorCode;

/**
 * The OpenAPI document as a client generator reads it: every operation has a summary, the security schemes, and the
 * problems it may answer with the stable codes as an enum (Redocly's recommended rules ask for the same).
 */
class OpenApiHttpTest extends HttpTestBase {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

    @Test
    void everyOperationHasASummaryAndTheProblemsItMayAnswer() {
        JsonNode document = get(null, "/v3/api-docs").expect(200).json();
        List<String> missing = new ArrayList<>();
        int operations = 0;
        for (var path : (Iterable<java.util.Map.Entry<String, JsonNode>>) document.get("paths")::fields) {
            for (var operation : (Iterable<java.util.Map.Entry<String, JsonNode>>) path.getValue()::fields) {
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                operations++;
                String name = operation.getKey().toUpperCase() + " " + path.getKey();
                JsonNode body = operation.getValue();
                if (body.path("summary").asText().isBlank()) {
                    missing.add(name + ": summary");
                }
                for (String status : List.of("400", "401", "403", "503")) {
                    if (!body.path("responses").has(status)) {
                        missing.add(name + ": " + status);
                    }
                }
                if (path.getKey().contains("{") && !body.path("responses").has("404")) {
                    missing.add(name + ": 404");
                }
            }
        }
        assertThat(operations).as("JSON and file variants of one path share an operation").isGreaterThanOrEqualTo(55);
        assertThat(missing).isEmpty();
    }

    @Test
    void theDocumentNamesBothWaysToSignInAndEveryErrorCode() {
        JsonNode document = get(null, "/v3/api-docs").json();
        JsonNode schemes = document.path("components").path("securitySchemes");
        assertThat(schemes.path("basicAuth").path("scheme").asText()).isEqualTo("basic");
        assertThat(schemes.path("bearerAuth").path("bearerFormat").asText()).isEqualTo("JWT");
        assertThat(document.path("security")).hasSize(2);
        List<String> codes = new ArrayList<>();
        document.path("components").path("schemas").path("Problem").path("properties").path("code").path("enum")
                .forEach(code -> codes.add(code.asText()));
        assertThat(codes).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
    }
}
