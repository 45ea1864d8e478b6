package org.subsidyledger.contract.overpayment;

import java.time.YearMonth;

/**
 * One payment that turned out not to be due: the batch line that paid it and the event that made it a payment.
 *
 * @param paymentEventId the {@code BatchDisbursed} event that paid the line
 */
public record OverpaidMonth(YearMonth period, String batchId, int line, long amountFen, String paymentEventId) {
}
