package org.subsidyledger.contract.evaluation;

import org.axonframework.serialization.Revision;

/**
 * An evaluator entered a figure the ledger does not record itself and a rubric item reads — a survey's satisfied and
 * valid questionnaires for 满意度 (193 of 225). A later entry of the same indicator replaces it from then on.
 */
@Revision("1")
public record EvaluationInputEntered(String evaluationId, String indicator, long numerator, long denominator,
                                     String reason) {
}
