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
    OTHER
}
