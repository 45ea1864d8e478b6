package org.subsidyledger.contract.overpayment;

import org.axonframework.serialization.Revision;

/** A proposed write-off was rejected; nothing is written off. */
@Revision("1")
public record WriteOffRejected(String caseId, String writeOffId, String comment) {
}
