package org.subsidyledger.contract.batch;

import org.axonframework.serialization.Revision;

/**
 * The clerk withdrew a batch that was not yet approved by finance. Its lines are no longer pending: the recipients
 * can be paid for that month in another batch. The batch stays in the ledger.
 */
@Revision("1")
public record BatchWithdrawn(String batchId, String reason) {
}
