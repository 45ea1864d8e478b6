package org.subsidyledger.contract.overpayment;

/** How overpaid money came back. */
public enum RepaymentMethod {
    /** 家属退还 */
    FAMILY_REFUND,
    /** 银行追款 */
    BANK_CLAWBACK,
    /** 从后续待遇中扣减 */
    DEDUCTION,
    /** 其他 (named in the reference) */
    OTHER
}
