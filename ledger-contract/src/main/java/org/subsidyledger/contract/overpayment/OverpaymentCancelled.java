package org.subsidyledger.contract.overpayment;

import org.axonframework.serialization.Revision;

/**
 * A case raised in error is cancelled (撤销). The case stays in the ledger with status CANCELLED.
 *
 * @param released {@code true} when the ledger cancelled it because none of its payments is overpaid any more (its
 *                 fact was retracted or corrected, its payments returned): the payments are free for another fact.
 *                 {@code false} when an inspector cancelled it: its payments stay with it, so the same fact does not
 *                 raise them again.
 * @param writeOffReleasedFen the approved write-offs that no longer apply: a cancelled case owes nothing, and what
 *                 was recovered on it is owed back to the recipient ({@code RefundRecorded})
 */
@Revision("1")
public record OverpaymentCancelled(String caseId, String reason, boolean released,
                                   long writeOffReleasedFen) {
}
