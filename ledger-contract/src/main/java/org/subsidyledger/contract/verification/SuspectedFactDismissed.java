package org.subsidyledger.contract.verification;

import org.axonframework.serialization.Revision;

/** The region found a suspected fact untrue (e.g. 同名同号错配, the person was seen alive): the hold ends. */
@Revision("1")
public record SuspectedFactDismissed(String suspectId, String recipientId, String reason) {
}
