package org.subsidyledger.ledger.evaluation;

import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on an {@link Evaluation}. */
final class EvaluationCommands {

    private EvaluationCommands() {
    }

    /** @param rubricVersion 0 for the rubric's latest version */
    record OpenEvaluation(@TargetAggregateIdentifier String evaluationId, String programCode, int year,
                          String rubricId, int rubricVersion) {
    }

    record EnterScore(@TargetAggregateIdentifier String evaluationId, String itemKey, BigDecimal score,
                      String reason) {
    }

    record EnterInput(@TargetAggregateIdentifier String evaluationId, String indicator, long numerator,
                      long denominator, String reason) {
    }
}
