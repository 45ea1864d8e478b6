package org.subsidyledger.contract.overpayment;

import org.axonframework.serialization.Revision;

/**
 * A proposed cancellation was approved by someone other than its proposer (the approver is the event's actor). The
 * {@code OverpaymentCancelled} that follows it, in the same transaction, cancels the case.
 */
@Revision("1")
public record CancellationApproved(String caseId, String cancellationId, String comment) {
}
