package org.subsidyledger.ledger.batch;

/** One line of a batch as given, not yet checked. Amounts are 元 as text. */
public record BatchLineCandidate(int line, String recipientId, String name, String amount) {
}
