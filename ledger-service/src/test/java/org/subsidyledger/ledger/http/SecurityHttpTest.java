package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

class SecurityHttpTest extends HttpTestBase {

    @Test
    void rejectsARequestWithoutCredentialsWith401Problem() {
        get(null, "/api/v1/programs").expectProblem(401, "UNAUTHENTICATED");
    }

    @Test
    void rejectsAWrongPasswordWith401() {
        Answer answer = send(request(null, "/api/v1/programs")
                .header("Authorization", "Basic Y2xlcms6d3Jvbmc=") // clerk:wrong
                .GET().build());
        answer.expectProblem(401, "UNAUTHENTICATED");
    }

    @Test
    void forbidsAClerkToCreateAProgram() {
        post("clerk", "/api/v1/programs", """
                {"code":"NOPE","name":"x","region":"650100","monthlyStandard":"120.00"}""")
                .expectProblem(403, "FORBIDDEN");
    }

    @Test
    void forbidsAnEvaluatorAndFinanceToEnrol() {
        String code = newProgram("SEC");
        String body = """
                {"effectiveFrom":"2023-01","recipients":[{"id":"11010519491231002X","name":"张三","region":"650102"}]}""";
        post("evaluator", "/api/v1/programs/" + code + "/enrolments", body).expectProblem(403, "FORBIDDEN");
        post("finance", "/api/v1/programs/" + code + "/enrolments", body).expectProblem(403, "FORBIDDEN");
    }

    @Test
    void forbidsAClerkToRecordFunds() {
        String code = newProgram("SEC");
        post("clerk", "/api/v1/programs/" + code + "/funds",
                "{\"amount\":\"1.00\",\"receivedOn\":\"2023-01-01\",\"reference\":\"R\"}")
                .expectProblem(403, "FORBIDDEN");
    }

    @Test
    void letsEveryRoleReadPrograms() {
        for (String user : new String[]{"clerk", "reviewer1", "finance", "inspector", "evaluator", "auditor", "admin"}) {
            get(user, "/api/v1/programs").expect(200);
        }
    }

    @Test
    void servesHealthAndTheOpenApiDocumentWithoutCredentials() {
        assertThat(get(null, "/actuator/health").expect(200).json().get("status").asText()).isEqualTo("UP");
        Answer openApi = get(null, "/v3/api-docs").expect(200);
        assertThat(openApi.json().get("paths").has("/api/v1/programs/{code}/enrolments")).isTrue();
    }

    @Test
    void echoesARequestId() {
        Answer answer = send(request("auditor", "/api/v1/programs").header("X-Request-Id", "abc-123").GET().build());
        assertThat(answer.raw().headers().firstValue("X-Request-Id")).hasValue("abc-123");
    }

    @Test
    void answersAnUnknownPathWithAProblem() {
        send(request("auditor", "/api/v1/nothing-here").method("GET", HttpRequest.BodyPublishers.noBody()).build())
                .expectProblem(404, "NOT_FOUND");
    }
}
