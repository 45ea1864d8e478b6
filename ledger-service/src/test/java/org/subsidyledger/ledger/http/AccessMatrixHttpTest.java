package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the OpenAPI document, called unauthenticated, by every role, and by users of the right role but
 * scoped to another province (44, 广东), with the status each must answer (docs/api.md, "Authentication and roles").
 * The expected roles are written here, by hand, once per operation: a new endpoint without its entry fails
 * {@link #everyOperationOfTheDocumentHasItsEntry}. Path variables name real things of a 乌鲁木齐 program (a recipient,
 * a case, a fact, a batch), so a user of another region meets them and must be told they do not exist; bodies are
 * empty objects, so an allowed call fails on its values (4xx) or, for the few without required values, succeeds —
 * never 401 or 403 FORBIDDEN. Every answer an evaluator or auditor gets is scanned for a full ID number or name.
 */
class AccessMatrixHttpTest extends HttpTestBase {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
    /** Unscoped demo users, one per role. */
    private static final Map<String, String> USERS = Map.of("CLERK", "clerk", "REVIEWER", "reviewer1",
            "FINANCE", "finance", "INSPECTOR", "inspector", "EVALUATOR", "evaluator", "AUDITOR", "auditor",
            "ADMIN", "admin");
    private static final Set<String> ALL = Set.copyOf(USERS.keySet());
    private static final Set<String> FIGURES = Set.of("EVALUATOR", "AUDITOR", "FINANCE", "INSPECTOR", "ADMIN");
    private static final Set<String> FACTS = Set.of("CLERK", "INSPECTOR");

    /** Operation → the roles that may call it. */
    static final Map<String, Set<String>> ROLES = new TreeMap<>(Map.ofEntries(
            Map.entry("POST /api/v1/programs", Set.of("ADMIN")),
            Map.entry("GET /api/v1/programs", ALL),
            Map.entry("GET /api/v1/programs/{code}", ALL),
            Map.entry("PUT /api/v1/programs/{code}/plans/{year}", Set.of("FINANCE", "ADMIN")),
            Map.entry("POST /api/v1/programs/{code}/funds", Set.of("FINANCE")),
            Map.entry("POST /api/v1/programs/{code}/standards", Set.of("ADMIN", "FINANCE")),
            Map.entry("POST /api/v1/recipients/{id}/standards", Set.of("CLERK")),
            Map.entry("POST /api/v1/programs/{code}/months/{month}/close", Set.of("FINANCE", "ADMIN")),
            Map.entry("POST /api/v1/programs/{code}/enrolments", Set.of("CLERK")),
            Map.entry("GET /api/v1/programs/{code}/enrolments", ALL),
            Map.entry("POST /api/v1/programs/{code}/batches", Set.of("CLERK")),
            Map.entry("GET /api/v1/programs/{code}/batches", ALL),
            Map.entry("GET /api/v1/batches/{id}", ALL),
            Map.entry("GET /api/v1/batches/{id}/lines", ALL),
            Map.entry("GET /api/v1/batches/{id}/comparison", ALL),
            Map.entry("GET /api/v1/inbox", ALL),
            Map.entry("POST /api/v1/batches/{id}/reviews", Set.of("REVIEWER")),
            Map.entry("POST /api/v1/batches/{id}/approval", Set.of("FINANCE")),
            Map.entry("POST /api/v1/batches/{id}/disbursement", Set.of("FINANCE")),
            Map.entry("POST /api/v1/batches/{id}/resubmission", Set.of("CLERK")),
            Map.entry("POST /api/v1/batches/{id}/withdrawal", Set.of("CLERK")),
            Map.entry("POST /api/v1/batches/{id}/returns", Set.of("FINANCE", "CLERK")),
            Map.entry("GET /api/v1/recipients/{id}", ALL),
            Map.entry("GET /api/v1/recipients/{id}/facts", ALL),
            Map.entry("POST /api/v1/recipients/{id}/reveal", Set.of("EVALUATOR", "AUDITOR")),
            Map.entry("POST /api/v1/recipients/{id}/deaths", FACTS),
            Map.entry("POST /api/v1/recipients/{id}/suspensions", FACTS),
            Map.entry("POST /api/v1/recipients/{id}/suspensions/{factId}/release", FACTS),
            Map.entry("POST /api/v1/recipients/{id}/duplicate-claims", FACTS),
            Map.entry("POST /api/v1/recipients/{id}/enrolment-ends", FACTS),
            Map.entry("GET /api/v1/facts/{factId}", ALL),
            Map.entry("POST /api/v1/facts/{factId}/retraction", FACTS),
            Map.entry("POST /api/v1/facts/{factId}/correction", FACTS),
            Map.entry("POST /api/v1/facts/{factId}/changes/{changeId}/approval", Set.of("CLERK", "INSPECTOR", "ADMIN")),
            Map.entry("POST /api/v1/death-comparisons", FACTS),
            Map.entry("GET /api/v1/death-comparisons/{id}", ALL),
            Map.entry("POST /api/v1/imprisonment-comparisons", FACTS),
            Map.entry("POST /api/v1/duplicate-comparisons", FACTS),
            Map.entry("GET /api/v1/suspected-facts", ALL),
            Map.entry("GET /api/v1/suspected-facts/summary", ALL),
            Map.entry("POST /api/v1/suspected-facts/{id}/confirmation", FACTS),
            Map.entry("POST /api/v1/suspected-facts/{id}/dismissal", FACTS),
            Map.entry("POST /api/v1/recipients/{id}/certifications", Set.of("CLERK")),
            Map.entry("POST /api/v1/certifications", Set.of("CLERK")),
            Map.entry("GET /api/v1/certifications/due", ALL),
            Map.entry("GET /api/v1/overpayments", ALL),
            Map.entry("GET /api/v1/arrears", ALL),
            Map.entry("GET /api/v1/arrears/export", ALL),
            Map.entry("GET /api/v1/overpayments/summary", ALL),
            Map.entry("GET /api/v1/overpayments/export", ALL),
            Map.entry("GET /api/v1/overpayments/{id}", ALL),
            Map.entry("POST /api/v1/overpayments/{id}/repayments", Set.of("INSPECTOR", "FINANCE")),
            Map.entry("POST /api/v1/overpayments/{id}/repayments/{repaymentId}/reversal",
                    Set.of("INSPECTOR", "FINANCE")),
            Map.entry("POST /api/v1/overpayments/{id}/refunds", Set.of("FINANCE")),
            Map.entry("POST /api/v1/overpayments/{id}/write-offs", Set.of("INSPECTOR", "FINANCE")),
            Map.entry("POST /api/v1/overpayments/{id}/write-offs/{writeOffId}/approval", Set.of("FINANCE", "ADMIN")),
            Map.entry("POST /api/v1/overpayments/{id}/cancellation", Set.of("INSPECTOR")),
            Map.entry("POST /api/v1/overpayments/{id}/cancellations/{cancellationId}/approval",
                    Set.of("INSPECTOR", "FINANCE", "ADMIN")),
            Map.entry("POST /api/v1/overpayments/{id}/deduction", Set.of("INSPECTOR")),
            Map.entry("POST /api/v1/overpayments/{id}/deduction/end", Set.of("INSPECTOR")),
            Map.entry("POST /api/v1/overpayments/{id}/notices", Set.of("INSPECTOR", "ADMIN")),
            Map.entry("POST /api/v1/overpayments/notices", Set.of("INSPECTOR", "ADMIN")),
            Map.entry("GET /api/v1/overpayments/{id}/notices/{noticeId}", Set.of("INSPECTOR", "ADMIN")),
            Map.entry("POST /api/v1/overpayments/{id}/notices/{noticeId}/delivery", Set.of("INSPECTOR", "ADMIN")),
            Map.entry("POST /api/v1/overpayments/{id}/contacts", Set.of("INSPECTOR", "ADMIN")),
            Map.entry("POST /api/v1/overpayments/{id}/instalments", Set.of("INSPECTOR", "ADMIN")),
            Map.entry("POST /api/v1/overpayments/{id}/appeals", Set.of("INSPECTOR", "ADMIN")),
            Map.entry("POST /api/v1/overpayments/{id}/appeals/{appealId}/decision", Set.of("INSPECTOR", "ADMIN")),
            Map.entry("GET /api/v1/indicators", FIGURES),
            Map.entry("GET /api/v1/programs/{code}/indicators", FIGURES),
            Map.entry("GET /api/v1/programs/{code}/indicators/export", FIGURES),
            Map.entry("GET /api/v1/programs/{code}/indicators/{key}/basis", FIGURES),
            Map.entry("GET /api/v1/programs/{code}/evaluation", FIGURES),
            Map.entry("POST /api/v1/programs/{code}/evaluations/{year}", Set.of("EVALUATOR", "ADMIN")),
            Map.entry("POST /api/v1/programs/{code}/evaluations/{year}/scores", Set.of("EVALUATOR")),
            Map.entry("POST /api/v1/programs/{code}/evaluations/{year}/inputs", Set.of("EVALUATOR")),
            Map.entry("GET /api/v1/audit/verify", Set.of("AUDITOR", "ADMIN")),
            Map.entry("GET /api/v1/audit/access-log", Set.of("AUDITOR", "ADMIN")),
            Map.entry("GET /api/v1/operations/processors", Set.of("ADMIN")),
            Map.entry("GET /api/v1/operations/reconciliation", Set.of("ADMIN")),
            Map.entry("GET /api/v1/operations/dead-letters", Set.of("ADMIN")),
            Map.entry("POST /api/v1/operations/dead-letters/{processor}/retry", Set.of("ADMIN")),
            Map.entry("DELETE /api/v1/operations/dead-letters/{processor}/{sequence}", Set.of("ADMIN")),
            Map.entry("GET /api/v1/templates/{kind}.xlsx", ALL)));

    /** Calls that need no signed-in user. */
    private static final Set<String> PUBLIC = Set.of();

    @Test
    void everyOperationOfTheDocumentHasItsEntry() {
        assertThat(new TreeSet<>(operations())).as("operations of /v3/api-docs: give each new one its roles here")
                .isEqualTo(new TreeSet<>(ROLES.keySet()));
    }

    @Test
    void everyOperationAnswersEachRoleTheUnauthenticatedAndAnotherRegionAsDeclared() {
        AccessScopeHttpTest.Scenario s = AccessScopeHttpTest.make(this);
        Map<String, JsonNode> described = described();
        List<String> wrong = new ArrayList<>();
        for (String operation : operations()) {
            Set<String> allowed = ROLES.getOrDefault(operation, Set.of());
            String method = operation.substring(0, operation.indexOf(' '));
            JsonNode description = described.get(operation);
            String path = fill(operation.substring(operation.indexOf(' ') + 1), s) + query(description);
            // nobody signed in
            int anonymous = call(null, method, path, description).status();
            if (!PUBLIC.contains(operation) && anonymous != 401) {
                wrong.add(operation + " unauthenticated → " + anonymous + " (expected 401)");
            }
            // a user of an allowed role scoped to 广东 meets nothing of 乌鲁木齐 that the path names
            if (path.matches(".*/(recipients|overpayments|facts|batches|programs)/[^/]+.*")
                    && !path.startsWith("/api/v1/overpayments/export") && !path.startsWith("/api/v1/overpayments/summary")
                    && !path.startsWith("/api/v1/overpayments/notices")
                    && !allowed.isEmpty()) {
                String role = allowed.iterator().next();
                Answer answer = call("other-" + role.toLowerCase(), method, path, description);
                if (answer.status() != 404) {
                    wrong.add(operation + " by other-" + role.toLowerCase() + " → " + answer.status() + " "
                            + answer.code() + " (expected 404)");
                }
            }
        }
        // then the roles, read-only calls first (an allowed command may change the scenario's things)
        int masked = 0;
        List<String> ordered = new ArrayList<>(operations());
        ordered.sort((a, b) -> Boolean.compare(!a.startsWith("GET"), !b.startsWith("GET")));
        for (String operation : ordered) {
            Set<String> allowed = ROLES.getOrDefault(operation, Set.of());
            String method = operation.substring(0, operation.indexOf(' '));
            JsonNode description = described.get(operation);
            String path = fill(operation.substring(operation.indexOf(' ') + 1), s) + query(description);
            for (Map.Entry<String, String> user : new TreeMap<>(USERS).entrySet()) {
                Answer answer = call(user.getValue(), method, path, description);
                boolean refused = answer.status() == 403 && "FORBIDDEN".equals(answer.code());
                if (method.equals("GET") && answer.status() == 200 && Set.of("EVALUATOR", "AUDITOR")
                        .contains(user.getKey())) { // every answer and export a masked role can get
                    AccessScopeHttpTest.assertNoPersonalData(operation + " by " + user.getKey(), answer.text(), s);
                    masked++;
                }
                if (allowed.contains(user.getKey()) == refused || answer.status() == 401
                        || answer.status() >= 500) {
                    wrong.add(operation + " by " + user.getKey() + " → " + answer.status() + " " + answer.code()
                            + (allowed.contains(user.getKey()) ? " (allowed)" : " (expected 403 FORBIDDEN)"));
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(masked).as("answers scanned for personal data").isGreaterThanOrEqualTo(30);
    }

    private List<String> operations() {
        return new ArrayList<>(described().keySet());
    }

    /** Each operation of the document with its description (parameters, request body). */
    private Map<String, JsonNode> described() {
        JsonNode document = get(null, "/v3/api-docs").expect(200).json();
        Map<String, JsonNode> operations = new TreeMap<>();
        for (var path : (Iterable<Map.Entry<String, JsonNode>>) document.get("paths")::fields) {
            for (var operation : (Iterable<Map.Entry<String, JsonNode>>) path.getValue()::fields) {
                if (METHODS.contains(operation.getKey())) {
                    operations.put(operation.getKey().toUpperCase() + " " + path.getKey(), operation.getValue());
                }
            }
        }
        return operations;
    }

    /** Values for the query parameters an operation requires, so that a call is refused for its role, not its form. */
    private static final Map<String, String> QUERY_VALUES = Map.of("year", "2023", "period", "2023-03", "by", "cause",
            "side", "numerator", "format", "csv");

    private static String query(JsonNode operation) {
        List<String> query = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("in").asText().equals("query") && parameter.path("required").asBoolean()) {
                String name = parameter.path("name").asText();
                query.add(name + "=" + QUERY_VALUES.getOrDefault(name, "x"));
            }
        }
        return query.isEmpty() ? "" : "?" + String.join("&", query);
    }

    /** Whether the operation takes only a file (multipart), so an empty JSON body would be refused for its type. */
    private static boolean fileOnly(JsonNode operation) {
        JsonNode content = operation.path("requestBody").path("content");
        return content.has("multipart/form-data") && !content.has("application/json");
    }

    /** The path with its variables naming the scenario's things (or harmless values where nothing is named). */
    private static String fill(String template, AccessScopeHttpTest.Scenario s) {
        String id = template.startsWith("/api/v1/recipients/") ? s.tianshan()
                : template.startsWith("/api/v1/overpayments/") ? s.caseId()
                : template.startsWith("/api/v1/batches/") ? s.batch()
                : template.startsWith("/api/v1/death-comparisons/") ? "00000000-0000-0000-0000-000000000000"
                : "x";
        String path = template.replace("{id}", id).replace("{code}", s.program()).replace("{factId}", s.factId())
                .replace("{year}", "2023").replace("{month}", "2023-01").replace("{key}", "dueCoverageRate")
                .replace("{writeOffId}", "00000000-0000-0000-0000-000000000000")
                .replace("{repaymentId}", "00000000-0000-0000-0000-000000000000")
                .replace("{cancellationId}", "00000000-0000-0000-0000-000000000000")
                .replace("{changeId}", "00000000-0000-0000-0000-000000000000")
                .replace("{noticeId}", "00000000-0000-0000-0000-000000000000")
                .replace("{appealId}", "00000000-0000-0000-0000-000000000000")
                .replace("{processor}", "no-such-processor").replace("{sequence}", "0")
                .replace("{kind}", "batch");
        return path;
    }

    private Answer call(String user, String method, String path, JsonNode operation) {
        if (fileOnly(operation)) {
            return postFile(user, path, "empty.csv", "身份证号,姓名\n".getBytes(StandardCharsets.UTF_8), null);
        }
        HttpRequest.Builder request = request(user, path);
        return send(switch (method) {
            case "GET" -> request.GET().build();
            case "DELETE" -> request.DELETE().build();
            default -> request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString("{}", StandardCharsets.UTF_8)).build();
        });
    }
}
