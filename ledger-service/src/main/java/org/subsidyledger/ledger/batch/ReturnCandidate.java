package org.subsidyledger.ledger.batch;

/** One line of a bank return as given: the recipient, the batch it names (files only, may be null) and why. */
record ReturnCandidate(int line, String recipientId, String batchId, String reason) {
}
