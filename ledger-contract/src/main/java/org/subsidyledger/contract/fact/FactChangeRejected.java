package org.subsidyledger.contract.fact;

import org.axonframework.serialization.Revision;

/** A proposed retraction or correction was rejected; the fact stays as it was and another change may be proposed. */
@Revision("1")
public record FactChangeRejected(String factId, String changeId, String comment) {
}
