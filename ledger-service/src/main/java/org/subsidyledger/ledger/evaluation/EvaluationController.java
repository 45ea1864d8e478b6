package org.subsidyledger.ledger.evaluation;

import java.math.BigDecimal;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.subsidyledger.ledger.security.CurrentActor;
import org.subsidyledger.ledger.web.Created;
import org.subsidyledger.ledger.security.Role;

/**
 * An evaluator opens the evaluation of a program-year with a rubric and enters what the ledger cannot know: scores of
 * qualitative items and survey figures, each with the reason it rests on. The scored table is
 * {@code GET /programs/{code}/evaluation?year=}.
 */
@RestController
class EvaluationController {

    private final EvaluationService evaluations;
    private final CurrentActor currentActor;

    EvaluationController(EvaluationService evaluations, CurrentActor currentActor) {
        this.evaluations = evaluations;
        this.currentActor = currentActor;
    }

    record OpenRequest(String rubric, Integer version) {
    }

    record ScoreRequest(String item, String score, String reason) {
    }

    record InputRequest(String indicator, Long numerator, Long denominator, String reason) {
    }

    record OpenedEvaluation(String evaluationId, String rubric) {
    }

    record ScoreEntered(String evaluationId, String item, String score) {
    }

    record InputEntered(String evaluationId, String indicator) {
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Open the evaluation of a program-year with a rubric")
    @PostMapping(path = "/api/v1/programs/{code}/evaluations/{year}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('EVALUATOR', 'ADMIN')")
    OpenedEvaluation open(@PathVariable String code, @PathVariable int year, @RequestBody OpenRequest request) {
        String id = evaluations.open(code, year, request.rubric(), request.version(),
                currentActor.actingAs(Role.EVALUATOR, Role.ADMIN));
        return new OpenedEvaluation(id, request.rubric().strip());
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Enter the score of a qualitative rubric item")
    @PostMapping(path = "/api/v1/programs/{code}/evaluations/{year}/scores",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('EVALUATOR')")
    @Created
    ResponseEntity<ScoreEntered> score(@PathVariable String code, @PathVariable int year,
                                              @RequestBody ScoreRequest request) {
        BigDecimal score = evaluations.score(code, year, request.item(), request.score(), request.reason(),
                currentActor.actingAs(Role.EVALUATOR));
        return ResponseEntity.status(201).body(new ScoreEntered(EvaluationService.id(code, year),
                String.valueOf(request.item()), score.toPlainString()));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Enter a figure the ledger does not record (survey results)")
    @PostMapping(path = "/api/v1/programs/{code}/evaluations/{year}/inputs",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('EVALUATOR')")
    @Created
    ResponseEntity<InputEntered> input(@PathVariable String code, @PathVariable int year,
                                              @RequestBody InputRequest request) {
        evaluations.input(code, year, request.indicator(), request.numerator(), request.denominator(),
                request.reason(), currentActor.actingAs(Role.EVALUATOR));
        return ResponseEntity.status(201).body(new InputEntered(EvaluationService.id(code, year),
                request.indicator().strip()));
    }
}
