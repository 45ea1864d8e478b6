package org.subsidyledger.contract.overpayment;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The months of a case changed because a fact behind it was corrected, another fact was retracted, or a payment was
 * returned by the bank: {@code added} and {@code removed} months, and the case's amount after the change.
 *
 * @param writeOffReleasedFen what of an approved write-off no longer applies because the new amount is below what
 *                            was recovered and written off (0 in events recorded before write-offs existed)
 * @param status              the case's status after the change (null in events recorded before it was kept)
 */
@Revision("1")
public record OverpaymentAdjusted(String caseId, List<OverpaidMonth> added, List<OverpaidMonth> removed,
                                  long amountFen, long previousAmountFen, String reason,
                                  long writeOffReleasedFen, CaseStatus status) {

    public OverpaymentAdjusted {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }
}
