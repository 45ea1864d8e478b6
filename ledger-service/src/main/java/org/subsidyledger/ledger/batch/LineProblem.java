package org.subsidyledger.ledger.batch;

/**
 * Why one line of a batch or of a bank-return list was rejected.
 *
 * @param line        the file's line number (header = line 1), or the 1-based position in the JSON list
 * @param recipientId the line's ID number as given, possibly invalid
 */
public record LineProblem(int line, String recipientId, String code, String message) {
}
