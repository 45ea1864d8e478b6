package org.subsidyledger.contract.overpayment;

/** How the office contacted the recipient or their family about a case. */
public enum ContactMethod { LETTER, PHONE, VISIT }
