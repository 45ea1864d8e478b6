package org.subsidyledger.contract.batch;

import org.axonframework.serialization.Revision;

/** Finance approved a batch whose every review level was passed; it can now be disbursed. */
@Revision("1")
public record BatchApproved(String batchId, String comment) {
}
