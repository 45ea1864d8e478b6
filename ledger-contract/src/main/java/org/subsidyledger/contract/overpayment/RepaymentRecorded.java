package org.subsidyledger.contract.overpayment;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * Money of a case came back (追回). Never more than was outstanding.
 *
 * @param receivedOn   the business date the money was received
 * @param recoveredFen the case's recovered total after it
 * @param deductedFrom for a deduction from a later benefit, the batch line it was deducted from (the batch's
 *                     {@code BatchDisbursed} names the same deduction); null otherwise
 */
@Revision("1")
public record RepaymentRecorded(String caseId, String repaymentId, long amountFen, LocalDate receivedOn,
                                RepaymentMethod method, String reference, long recoveredFen, CaseStatus status,
                                PaymentLine deductedFrom) {
}
