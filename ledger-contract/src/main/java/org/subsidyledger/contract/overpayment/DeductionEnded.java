package org.subsidyledger.contract.overpayment;

import org.axonframework.serialization.Revision;

/** Later payments are no longer deducted for the case (the family repays instead, the recipient objected …). */
@Revision("1")
public record DeductionEnded(String caseId, String reason) {
}
