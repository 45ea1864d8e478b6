package org.subsidyledger.ledger.batch;

import org.subsidyledger.ledger.tabular.CellProblem;

/**
 * One line of a batch as given, not yet checked. Amounts are 元 as text; {@code problem} is a cell of the file row
 * that cannot be trusted (an ID number in a numeric cell), or {@code null}.
 */
public record BatchLineCandidate(int line, String recipientId, String name, String amount, CellProblem problem) {
}
