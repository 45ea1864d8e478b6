package org.subsidyledger.contract.overpayment;

/** One line of a batch: the payment of one recipient for the batch's month. */
public record PaymentLine(String batchId, int line) {
}
