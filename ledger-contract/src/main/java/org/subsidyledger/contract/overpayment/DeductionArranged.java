package org.subsidyledger.contract.overpayment;

import org.axonframework.serialization.Revision;

/**
 * The case is to be recovered by deduction from the recipient's later payments in the same program (从后续待遇中扣减):
 * each disbursed payment gives up at most {@code capFen}, and never more than is outstanding. Arranging again
 * replaces the cap.
 *
 * @param share        the share of the recipient's monthly standard the cap was computed from, e.g. {@code 0.50}
 * @param standardFen  that monthly standard
 * @param capFen       the most deducted from one payment: {@code share × standard}, rounded down to the 分
 */
@Revision("1")
public record DeductionArranged(String caseId, String recipientId, String programCode, String share,
                                long standardFen, long capFen) {
}
