package org.subsidyledger.contract.overpayment;

import org.axonframework.serialization.Revision;

/**
 * The cancellation (撤销) of a case raised in error was proposed (the proposer is the event's actor); until someone
 * else approves it, it changes nothing.
 */
@Revision("1")
public record CancellationProposed(String caseId, String cancellationId, String reason) {
}
