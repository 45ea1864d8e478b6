package org.subsidyledger.contract.overpayment;

/** How a recovery notice reached the recipient (送达方式). */
public enum DeliveryMethod {
    /** 直接送达: handed over in person, receipt signed. */
    IN_PERSON,
    /** 邮寄送达: registered post, the return receipt kept. */
    POST,
    /** 留置送达: left at the residence before witnesses after a refusal to sign. */
    LEFT_AT_RESIDENCE,
    /** 委托送达: through the 街道/乡镇 or 村/社区 office. */
    VIA_COMMUNITY,
    /** 公告送达: by public announcement when the recipient cannot be reached. */
    PUBLIC_ANNOUNCEMENT,
    /** 电子送达: by an electronic channel the recipient agreed to. */
    ELECTRONIC
}
