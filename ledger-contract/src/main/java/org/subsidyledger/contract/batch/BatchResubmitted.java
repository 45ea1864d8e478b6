package org.subsidyledger.contract.batch;

import org.axonframework.serialization.Revision;

/** The clerk sent a rejected batch back for review; review starts again at level 1 in a new round. */
@Revision("1")
public record BatchResubmitted(String batchId, int round, String comment) {
}
