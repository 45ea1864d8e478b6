package org.subsidyledger.contract.error;

/**
 * Why one row of a file or one item of a JSON list was rejected.
 *
 * @param line the file's line number (header = line 1), or the 1-based position in the JSON list
 * @param id   the row's ID number as given, possibly invalid
 */
public record RowProblem(int line, String id, String code, String message) {
}
