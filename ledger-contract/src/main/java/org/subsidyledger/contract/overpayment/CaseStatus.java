package org.subsidyledger.contract.overpayment;

/**
 * The state of an overpayment case (docs/api.md status codes), derived from its amounts: OPEN 待追回 (nothing recovered
 * or written off), PARTIAL 部分追回, RECOVERED 已追回 (nothing outstanding), WRITTEN_OFF 已核销 (nothing outstanding
 * and part of it written off), CANCELLED 撤销 (raised in error).
 */
public enum CaseStatus {
    OPEN, PARTIAL, RECOVERED, WRITTEN_OFF, CANCELLED;

    /** The status of a case that is not cancelled, from its amount and what was recovered and written off (分). */
    public static CaseStatus of(long amountFen, long recoveredFen, long writtenOffFen) {
        if (amountFen - recoveredFen - writtenOffFen <= 0) {
            return writtenOffFen > 0 ? WRITTEN_OFF : RECOVERED;
        }
        return recoveredFen + writtenOffFen > 0 ? PARTIAL : OPEN;
    }
}
