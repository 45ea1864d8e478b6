package org.subsidyledger.contract.evaluation;

import org.axonframework.serialization.Revision;

/**
 * An evaluator scored a qualitative item of the rubric (立项依据充分性, 管理制度健全性 …). A later score of the same
 * item replaces it from then on; both stay in the history.
 *
 * @param score the points given, a decimal with at most 2 places, between 0 and the item's points
 */
@Revision("1")
public record EvaluationScoreEntered(String evaluationId, String itemKey, String score, String reason) {
}
