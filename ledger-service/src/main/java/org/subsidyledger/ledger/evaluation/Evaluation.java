package org.subsidyledger.ledger.evaluation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.subsidyledger.contract.evaluation.EvaluationInputEntered;
import org.subsidyledger.contract.evaluation.EvaluationOpened;
import org.subsidyledger.contract.evaluation.EvaluationScoreEntered;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.projections.port.RubricCatalog;
import org.subsidyledger.contract.error.LedgerException;

/**
 * The evaluation (绩效评价) of one program-year: the rubric it is scored with and what evaluators entered — scores of
 * the qualitative items and figures the ledger does not record (survey results). The indicators themselves come from
 * the ledger, never from here. The rubric's terms come from the {@link RubricCatalog} the command handlers are given;
 * rebuilt from its events, the aggregate keeps only which rubric (id and version) it is scored with.
 */
@Aggregate
class Evaluation {

    @AggregateIdentifier
    private String evaluationId;
    private String rubricId;
    private int rubricVersion;

    protected Evaluation() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(EvaluationCommands.OpenEvaluation command, RubricCatalog rubrics) {
        RubricCatalog.Terms chosen = rubrics.find(command.rubricId(), command.rubricVersion()).orElseThrow(() ->
                new LedgerException(ErrorCode.UNKNOWN_RUBRIC, "no rubric " + command.rubricId()
                        + (command.rubricVersion() > 0 ? " version " + command.rubricVersion() : "")));
        if (chosen.id().equals(rubricId) && chosen.version() == rubricVersion) {
            return;
        }
        apply(new EvaluationOpened(command.evaluationId(), command.programCode(), command.year(), chosen.id(),
                chosen.version()));
    }

    @CommandHandler
    void handle(EvaluationCommands.EnterScore command, RubricCatalog rubrics) {
        RubricCatalog.Item item = terms(rubrics).item(command.itemKey())
                .orElseThrow(() -> new LedgerException(ErrorCode.UNKNOWN_RUBRIC_ITEM, "rubric " + rubricId
                        + " has no item " + command.itemKey()));
        if (!item.qualitative()) {
            throw new LedgerException(ErrorCode.INVALID_SCORE, "item " + item.key() + " (" + item.name()
                    + ") is scored from the indicator " + item.indicator() + ", not by an evaluator");
        }
        BigDecimal score = command.score();
        if (score == null || score.scale() > 2 || score.signum() < 0 || score.compareTo(item.points()) > 0) {
            throw new LedgerException(ErrorCode.INVALID_SCORE, "the score of " + item.name()
                    + " is a number with at most 2 decimals between 0 and " + item.points().toPlainString());
        }
        apply(new EvaluationScoreEntered(evaluationId, item.key(), score.toPlainString(), reason(command.reason())));
    }

    @CommandHandler
    void handle(EvaluationCommands.EnterInput command, RubricCatalog rubrics) {
        if (rubrics.computed(command.indicator())) {
            throw new LedgerException(ErrorCode.INVALID_SCORE, "indicator " + command.indicator()
                    + " is computed from the ledger's events; it cannot be entered");
        }
        if (!terms(rubrics).indicators().contains(command.indicator())) {
            throw new LedgerException(ErrorCode.UNKNOWN_RUBRIC_ITEM, "rubric " + rubricId
                    + " reads no indicator " + command.indicator());
        }
        if (command.denominator() <= 0 || command.numerator() < 0 || command.numerator() > command.denominator()) {
            throw new LedgerException(ErrorCode.INVALID_SCORE, "an entered figure is numerator ≤ denominator, "
                    + "denominator positive (193 satisfied of 225 valid questionnaires)");
        }
        apply(new EvaluationInputEntered(evaluationId, command.indicator(), command.numerator(),
                command.denominator(), reason(command.reason())));
    }

    @EventSourcingHandler
    void on(EvaluationOpened event) {
        evaluationId = event.evaluationId();
        rubricId = event.rubricId();
        rubricVersion = event.rubricVersion();
    }

    private RubricCatalog.Terms terms(RubricCatalog rubrics) {
        return rubrics.find(rubricId, rubricVersion).orElseThrow(() -> new IllegalStateException(
                "rubric " + rubricId + " version " + rubricVersion + " is no longer shipped"));
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, "a reason is required (what the score rests on)");
        }
        return reason.strip();
    }
}
