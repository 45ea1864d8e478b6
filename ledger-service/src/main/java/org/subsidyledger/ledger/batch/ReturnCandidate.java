package org.subsidyledger.ledger.batch;

import org.subsidyledger.ledger.tabular.CellProblem;

/**
 * One line of a bank return as given: the recipient, the batch it names (files only, may be null) and why;
 * {@code problem} is a cell of the file row that cannot be trusted (an ID number in a numeric cell), or {@code null}.
 */
record ReturnCandidate(int line, String recipientId, String batchId, String reason, CellProblem problem) {
}
