package org.subsidyledger.ledger.tabular;

/**
 * One data row of a file.
 *
 * @param line    the row's line number in the file; the header is line 1
 * @param values  the row's values in the order of the columns asked for; {@code null} where absent or blank
 * @param problem why a cell of the row cannot be trusted as read (an ID number in a numeric cell), or {@code null};
 *                the row is rejected with it, as any row with a bad value is
 */
public record TabularRow(int line, String[] values, CellProblem problem) {

    public TabularRow(int line, String[] values) {
        this(line, values, null);
    }

    public String value(int column) {
        return values[column];
    }
}
