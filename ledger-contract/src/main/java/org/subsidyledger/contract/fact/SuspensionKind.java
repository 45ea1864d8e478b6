package org.subsidyledger.contract.fact;

/** Why payment is suspended (停发原因). */
public enum SuspensionKind {
    /** 服刑 */
    IMPRISONMENT,
    /** 失联 */
    LOST_CONTACT,
    /** 未通过待遇领取资格认证 */
    QUALIFICATION_NOT_CONFIRMED,
    /** any other reason, named in the source */
    OTHER;

    /**
     * Whether this kind withholds payment (暂停, rule 10) rather than making months not due: the months stay due, are
     * not paid while withheld, and become arrears when the withholding ends (失联, 未认证).
     */
    public boolean withholds() {
        return this == LOST_CONTACT || this == QUALIFICATION_NOT_CONFIRMED;
    }

    /** Whether {@code detail} (a suspension fact's kind as indexed) names a kind that withholds. */
    public static boolean withholds(String detail) {
        for (SuspensionKind kind : values()) {
            if (kind.name().equals(detail)) {
                return kind.withholds();
            }
        }
        return false;
    }
}
