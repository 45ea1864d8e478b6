package org.subsidyledger.contract.evaluation;

import org.axonframework.serialization.Revision;

/**
 * A program-year is evaluated (绩效评价) with a rubric, by id and version. Opening it again with another rubric or
 * version switches the rubric from then on; scores already entered for items of the same key stay.
 *
 * @param evaluationId {@code programCode:year}
 */
@Revision("1")
public record EvaluationOpened(String evaluationId, String programCode, int year, String rubricId,
                               int rubricVersion) {
}
