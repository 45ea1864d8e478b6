package org.subsidyledger.contract.batch;

import org.axonframework.serialization.Revision;

/**
 * A reviewer (at {@code level}) or finance (level {@code 0}, stage {@code FINANCE}) refused the batch; it goes back to
 * the clerk, who resubmits or withdraws it. Its lines stay pending until then.
 *
 * @param stage {@code REVIEW} or {@code FINANCE}
 */
@Revision("1")
public record BatchRejected(String batchId, String stage, int level, int round, String comment) {
}
