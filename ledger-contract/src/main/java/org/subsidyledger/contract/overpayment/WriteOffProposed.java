package org.subsidyledger.contract.overpayment;

import org.axonframework.serialization.Revision;

/** A write-off (核销) of part or all of what is outstanding was proposed; until approved it changes nothing. */
@Revision("1")
public record WriteOffProposed(String caseId, String writeOffId, long amountFen, String reason) {
}
