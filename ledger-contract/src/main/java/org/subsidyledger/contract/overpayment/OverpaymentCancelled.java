package org.subsidyledger.contract.overpayment;

import org.axonframework.serialization.Revision;

/**
 * A case raised in error is cancelled (撤销): its fact was retracted or corrected so that no month is overpaid, or
 * an inspector cancelled it. The case stays in the ledger with status CANCELLED.
 */
@Revision("1")
public record OverpaymentCancelled(String caseId, String reason) {
}
