package org.subsidyledger.contract.overpayment;

import org.axonframework.serialization.Revision;

/**
 * A write-off (核销) of part or all of what is outstanding was proposed; until approved it changes nothing.
 *
 * @param reasonCode {@code WAIVER} for a waiver (减免, rule 14); null for any other write-off
 */
@Revision("1")
public record WriteOffProposed(String caseId, String writeOffId, long amountFen, String reason, String reasonCode) {

    /** The code of a waiver (减免). */
    public static final String WAIVER = "WAIVER";

    /** A write-off that is not a waiver. */
    public WriteOffProposed(String caseId, String writeOffId, long amountFen, String reason) {
        this(caseId, writeOffId, amountFen, reason, null);
    }
}
