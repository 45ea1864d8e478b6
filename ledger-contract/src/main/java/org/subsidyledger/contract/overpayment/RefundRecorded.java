package org.subsidyledger.contract.overpayment;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * Money recovered on a case was paid back to the recipient (退还): the case was cancelled, or its amount fell below
 * what had been recovered, after a fact was retracted or corrected. Never more than is owed back.
 *
 * @param paidOn       the business date the money was paid back
 * @param recoveredFen the case's recovered total after it
 * @param status       the case's status after it
 */
@Revision("1")
public record RefundRecorded(String caseId, String refundId, long amountFen, LocalDate paidOn, String reference,
                             long recoveredFen, CaseStatus status) {
}
