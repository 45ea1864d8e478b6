package org.subsidyledger.contract.batch;

import org.axonframework.serialization.Revision;

/**
 * A reviewer approved a batch at one review level (审核). The reviewer is the event's actor; no reviewer approves
 * two levels of one round, nor a batch they posted.
 *
 * @param round 1 for the first submission, +1 after each resubmission
 */
@Revision("1")
public record BatchReviewed(String batchId, int level, int round, String comment) {
}
