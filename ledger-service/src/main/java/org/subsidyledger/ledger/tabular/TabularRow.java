package org.subsidyledger.ledger.tabular;

/**
 * One data row of a file.
 *
 * @param line   the row's line number in the file; the header is line 1
 * @param values the row's values in the order of the columns asked for; {@code null} where absent or blank
 */
public record TabularRow(int line, String[] values) {

    public String value(int column) {
        return values[column];
    }
}
