package org.subsidyledger.contract.overpayment;

/** The outcome of an appeal: {@code UPHELD} (申诉成立: the case is adjusted or cancelled) or {@code REJECTED}. */
public enum AppealDecision { UPHELD, REJECTED }
