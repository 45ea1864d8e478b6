package org.subsidyledger.contract.overpayment;

import org.axonframework.serialization.Revision;

/**
 * A proposed write-off was approved by someone other than its proposer: the amount is written off.
 *
 * @param writtenOffFen the case's written-off total after it
 */
@Revision("1")
public record WriteOffApproved(String caseId, String writeOffId, long amountFen, String comment, long writtenOffFen,
                               CaseStatus status) {
}
