package org.subsidyledger.contract.overpayment;

import org.axonframework.serialization.Revision;

/** A proposed cancellation was rejected; the case goes on, and another cancellation may be proposed. */
@Revision("1")
public record CancellationRejected(String caseId, String cancellationId, String comment) {
}
