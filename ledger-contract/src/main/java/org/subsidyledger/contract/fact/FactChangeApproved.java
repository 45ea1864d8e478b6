package org.subsidyledger.contract.fact;

import org.axonframework.serialization.Revision;

/**
 * A proposed retraction or correction was approved by someone other than its proposer (the approver is the event's
 * actor); the {@code FactRetracted} or {@code FactCorrected} that follows it in the same transaction applies it.
 */
@Revision("1")
public record FactChangeApproved(String factId, String changeId, String comment) {
}
