package org.subsidyledger.ledger.evaluation;

import org.subsidyledger.ledger.program.Programs;
import java.math.BigDecimal;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.subsidyledger.ledger.infrastructure.AuditedCommands;
import org.subsidyledger.ledger.security.CurrentActor;
import org.subsidyledger.ledger.web.Created;
import org.subsidyledger.ledger.security.Role;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.value.Decimals;
import org.subsidyledger.contract.error.LedgerException;

/**
 * An evaluator opens the evaluation of a program-year with a rubric and enters what the ledger cannot know: scores of
 * qualitative items and survey figures, each with the reason it rests on. The scored table is
 * {@code GET /programs/{code}/evaluation?year=}.
 */
@RestController
class EvaluationController {

    private final AuditedCommands commands;
    private final CurrentActor currentActor;
    private final Programs programs;

    EvaluationController(AuditedCommands commands, CurrentActor currentActor, Programs programs) {
        this.commands = commands;
        this.currentActor = currentActor;
        this.programs = programs;
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
        requireProgram(code);
        if (request.rubric() == null || request.rubric().isBlank()) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, "rubric is required");
        }
        commands.send(new EvaluationCommands.OpenEvaluation(id(code, year), code, year, request.rubric().strip(),
                request.version() == null ? 0 : request.version()), currentActor.actingAs(Role.EVALUATOR, Role.ADMIN));
        return new OpenedEvaluation(id(code, year), request.rubric().strip());
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Enter the score of a qualitative rubric item")
    @PostMapping(path = "/api/v1/programs/{code}/evaluations/{year}/scores",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('EVALUATOR')")
    @Created
    ResponseEntity<ScoreEntered> score(@PathVariable String code, @PathVariable int year,
                                              @RequestBody ScoreRequest request) {
        BigDecimal score = request.score() == null ? null
                : Decimals.parse(request.score(), 3, 2, ErrorCode.INVALID_SCORE, "score");
        send(code, year, new EvaluationCommands.EnterScore(id(code, year), request.item(), score, request.reason()));
        return ResponseEntity.status(201).body(new ScoreEntered(id(code, year), String.valueOf(request.item()),
                score.toPlainString()));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Enter a figure the ledger does not record (survey results)")
    @PostMapping(path = "/api/v1/programs/{code}/evaluations/{year}/inputs",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('EVALUATOR')")
    @Created
    ResponseEntity<InputEntered> input(@PathVariable String code, @PathVariable int year,
                                              @RequestBody InputRequest request) {
        if (request.indicator() == null || request.numerator() == null || request.denominator() == null) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, "indicator, numerator and denominator are required");
        }
        send(code, year, new EvaluationCommands.EnterInput(id(code, year), request.indicator().strip(),
                request.numerator(), request.denominator(), request.reason()));
        return ResponseEntity.status(201).body(new InputEntered(id(code, year), request.indicator().strip()));
    }

    private void send(String code, int year, Object command) {
        try {
            commands.send(command, currentActor.actingAs(Role.EVALUATOR));
        } catch (AggregateNotFoundException e) {
            throw new LedgerException(ErrorCode.EVALUATION_NOT_OPENED, "the evaluation of " + code + " " + year
                    + " is not opened; open it with a rubric first");
        }
    }

    private void requireProgram(String code) {
        if (programs.terms(code).isEmpty()) {
            throw new LedgerException(ErrorCode.UNKNOWN_PROGRAM, "no program " + code);
        }
    }

    private static String id(String code, int year) {
        return code + ":" + year;
    }
}
