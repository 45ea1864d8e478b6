package org.subsidyledger.ledger.enrolment;

import org.subsidyledger.ledger.tabular.CellProblem;

/**
 * One recipient to enrol, as given (not yet validated).
 *
 * @param line    the file line (header = 1) or the 1-based position in the JSON list
 * @param problem a cell of the file row that cannot be trusted (an ID number in a numeric cell), or {@code null}
 */
public record EnrolmentCandidate(int line, String id, String name, String region, String monthlyStandard,
                                 String effectiveFrom, CellProblem problem) {
}
