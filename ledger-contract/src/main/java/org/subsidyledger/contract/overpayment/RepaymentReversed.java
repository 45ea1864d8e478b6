package org.subsidyledger.contract.overpayment;

import org.axonframework.serialization.Revision;

/**
 * A recorded repayment did not happen after all: the bank returned the payment it was deducted from, or it was
 * entered in error. The repayment stays in the history; this event takes its amount back out of what was recovered.
 *
 * @param recoveredFen the case's recovered total after it
 * @param status       the case's status after it
 */
@Revision("1")
public record RepaymentReversed(String caseId, String repaymentId, long amountFen, String reason, long recoveredFen,
                                CaseStatus status) {
}
