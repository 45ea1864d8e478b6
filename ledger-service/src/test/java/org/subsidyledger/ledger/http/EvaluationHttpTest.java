package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Evaluation end to end: a program-year scored with the shipped 乌鲁木齐 rubric from its indicators and the
 * evaluator's scores, each score an event with who and why, the table reproducible as of a past moment.
 */
class EvaluationHttpTest extends HttpTestBase {

    private static final String RUBRIC = "urumqi-pre1995-retirees-2023";

    @Test
    void aProgramYearIsScoredFromItsIndicatorsAndTheEvaluatorsScoresAndGraded() throws Exception {
        String code = newProgram("EVA");
        put("admin", "/api/v1/programs/" + code + "/plans/2023",
                "{\"plannedRecipients\":2,\"plannedPayouts\":2,\"budget\":\"480.00\"}").expect(200);
        post("finance", "/api/v1/programs/" + code + "/funds",
                "{\"amount\":\"480.00\",\"receivedOn\":\"2023-01-05\",\"reference\":\"拨款1\"}").expect(201);
        enrol(code, "2023-01", 8100, 8101);
        for (int month = 1; month <= 2; month++) {
            payMonth(code, month, java.util.List.of(syntheticId(8100), syntheticId(8101)));
        }
        String evaluations = "/api/v1/programs/" + code + "/evaluations/2023";
        post("evaluator", evaluations + "/scores", "{\"item\":\"socialBenefit\",\"score\":\"15\",\"reason\":\"x\"}")
                .expectProblem(409, "EVALUATION_NOT_OPENED");
        post("evaluator", evaluations, "{\"rubric\":\"no-such-rubric\"}").expectProblem(404, "UNKNOWN_RUBRIC");
        post("evaluator", "/api/v1/programs/NOPE/evaluations/2023", "{\"rubric\":\"" + RUBRIC + "\"}")
                .expectProblem(404, "UNKNOWN_PROGRAM");
        post("clerk", evaluations, "{\"rubric\":\"" + RUBRIC + "\"}").expect(403);
        post("evaluator", evaluations, "{\"rubric\":\"" + RUBRIC + "\"}").expect(200);

        post("evaluator", evaluations + "/scores", "{\"item\":\"socialBenefit\",\"score\":\"15.5\",\"reason\":\"x\"}")
                .expectProblem(422, "INVALID_SCORE");
        post("evaluator", evaluations + "/scores", "{\"item\":\"fundsArrival\",\"score\":\"5\",\"reason\":\"x\"}")
                .expectProblem(422, "INVALID_SCORE"); // an indicator item is scored from the ledger
        post("evaluator", evaluations + "/scores", "{\"item\":\"nothing\",\"score\":\"1\",\"reason\":\"x\"}")
                .expectProblem(422, "UNKNOWN_RUBRIC_ITEM");
        post("evaluator", evaluations + "/scores", "{\"item\":\"socialBenefit\",\"score\":\"15\"}")
                .expectProblem(422, "MISSING_VALUE");
        post("evaluator", evaluations + "/inputs", "{\"indicator\":\"fundsArrivalRate\",\"numerator\":1,"
                + "\"denominator\":1,\"reason\":\"x\"}").expectProblem(422, "INVALID_SCORE");

        eventually(() -> get("evaluator", "/api/v1/programs/" + code + "/evaluation?year=2023").status() == 200);
        JsonNode partial = get("evaluator", "/api/v1/programs/" + code + "/evaluation?year=2023").json();
        assertThat(partial.get("complete").asBoolean()).isFalse();
        assertThat(partial.get("grade").isNull()).isTrue();
        assertThat(partial.get("total").asText()).as("the seven indicator items, in full").isEqualTo("50.00");

        enterUrumqiQualitativeScores(code, "现场核查、资料审阅");
        eventually(() -> get("evaluator", "/api/v1/programs/" + code + "/evaluation?year=2023").json()
                .path("complete").asBoolean());
        JsonNode full = get("auditor", "/api/v1/programs/" + code + "/evaluation?year=2023").json();
        assertThat(full.get("total").asText()).isEqualTo("100.00");
        assertThat(full.get("gradeLabel").asText()).isEqualTo("优");
        assertThat(full.get("items")).hasSize(18);

        Thread.sleep(20);
        Instant beforeRescore = Instant.now();
        Thread.sleep(20);
        post("evaluator", evaluations + "/scores",
                "{\"item\":\"satisfaction\",\"score\":\"3.5\",\"reason\":\"问卷复核：满意度70%\"}").expect(201);
        eventually(() -> get("evaluator", "/api/v1/programs/" + code + "/evaluation?year=2023").json()
                .path("total").asText().equals("98.50"));
        assertThat(get("evaluator", "/api/v1/programs/" + code + "/evaluation?year=2023&asOf=" + beforeRescore)
                .json().get("total").asText()).as("as of before the new score").isEqualTo("100.00");
    }
}
