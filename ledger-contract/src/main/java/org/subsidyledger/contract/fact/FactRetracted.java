package org.subsidyledger.contract.fact;

import org.axonframework.serialization.Revision;

/** A fact was recorded in error and no longer counts; its months are due again. The fact itself stays recorded. */
@Revision("1")
public record FactRetracted(String factId, String recipientId, FactKind kind, String reason) {
}
