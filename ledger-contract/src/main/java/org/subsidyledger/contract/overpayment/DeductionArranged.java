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
 * @param recipientAgreed the recipient agreed to the deduction (rule 14): it may start at once instead of waiting
 *                     for the notice's delivery plus the wait; false in arrangements recorded before rule 14
 */
@Revision("1")
public record DeductionArranged(String caseId, String recipientId, String programCode, String share,
                                long standardFen, long capFen, boolean recipientAgreed) {

    /** An arrangement the recipient did not agree to: it waits for the notice (rule 14). */
    public DeductionArranged(String caseId, String recipientId, String programCode, String share, long standardFen,
                             long capFen) {
        this(caseId, recipientId, programCode, share, standardFen, capFen, false);
    }
}
