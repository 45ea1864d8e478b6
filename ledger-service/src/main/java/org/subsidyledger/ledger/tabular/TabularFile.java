package org.subsidyledger.ledger.tabular;

import java.util.List;

/**
 * An upload as read: the SHA-256 of its bytes (the same file posted twice has the same digest), its size, and its
 * data rows.
 *
 * @param sha256 lower-case hex SHA-256 of the bytes as uploaded
 * @param bytes  the file's size in bytes
 * @param rows   the data rows, in file order, with their line numbers
 */
public record TabularFile(String sha256, long bytes, List<TabularRow> rows) {
}
