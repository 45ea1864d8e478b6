package org.subsidyledger.ledger.evaluation;

import java.math.BigDecimal;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Service;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.contract.value.Decimals;
import org.subsidyledger.ledger.infrastructure.AuditedCommands;
import org.subsidyledger.ledger.program.Programs;
import org.subsidyledger.ledger.security.Actor;

/**
 * Opening a program-year's evaluation and entering what the ledger cannot know (qualitative scores, survey figures),
 * for the API and for anything else that records on a user's behalf (the demo data). The evaluation's id is
 * {@code code:year}.
 */
@Service
public class EvaluationService {

    private final AuditedCommands commands;
    private final Programs programs;

    EvaluationService(AuditedCommands commands, Programs programs) {
        this.commands = commands;
        this.programs = programs;
    }

    /** Opens the evaluation with {@code rubric}; {@code version} null or 0: the rubric's latest. Answers its id. */
    public String open(String code, int year, String rubric, Integer version, Actor actor) {
        if (programs.terms(code).isEmpty()) {
            throw new LedgerException(ErrorCode.UNKNOWN_PROGRAM, "no program " + code);
        }
        if (rubric == null || rubric.isBlank()) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, "rubric is required");
        }
        commands.send(new EvaluationCommands.OpenEvaluation(id(code, year), code, year, rubric.strip(),
                version == null ? 0 : version), actor);
        return id(code, year);
    }

    /** Enters the score of qualitative {@code item} ({@code score}: at most 3 digits and 2 decimals). */
    public BigDecimal score(String code, int year, String item, String score, String reason, Actor actor) {
        BigDecimal value = score == null ? null : Decimals.parse(score, 3, 2, ErrorCode.INVALID_SCORE, "score");
        send(code, year, new EvaluationCommands.EnterScore(id(code, year), item, value, reason), actor);
        return value;
    }

    /** Enters a figure the ledger does not record; {@code indicator} is stripped. */
    public void input(String code, int year, String indicator, Long numerator, Long denominator, String reason,
                      Actor actor) {
        if (indicator == null || numerator == null || denominator == null) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, "indicator, numerator and denominator are required");
        }
        send(code, year, new EvaluationCommands.EnterInput(id(code, year), indicator.strip(), numerator, denominator,
                reason), actor);
    }

    /** The id of the evaluation of {@code code} in {@code year} (its aggregate). */
    public static String id(String code, int year) {
        return code + ":" + year;
    }

    private void send(String code, int year, Object command, Actor actor) {
        try {
            commands.send(command, actor);
        } catch (AggregateNotFoundException e) {
            throw new LedgerException(ErrorCode.EVALUATION_NOT_OPENED, "the evaluation of " + code + " " + year
                    + " is not opened; open it with a rubric first");
        }
    }
}
