package org.subsidyledger.ledger.batch;

import org.subsidyledger.ledger.tabular.CellProblem;

/**
 * One line of a batch as given, not yet checked. Amounts are 元 as text; {@code problem} is a cell of the file row
 * that cannot be trusted (an ID number in a numeric cell), or {@code null}. {@code settlesMonth} ({@code YYYY-MM}, a
 * 补发 line) and {@code benefit} (a one-off line) are blank or null for a monthly line.
 */
public record BatchLineCandidate(int line, String recipientId, String name, String amount, CellProblem problem,
                                 String settlesMonth, String benefit) {

    /** A monthly line. */
    public BatchLineCandidate(int line, String recipientId, String name, String amount, CellProblem problem) {
        this(line, recipientId, name, amount, problem, null, null);
    }
}
