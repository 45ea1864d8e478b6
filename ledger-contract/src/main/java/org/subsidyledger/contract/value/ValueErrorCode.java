package org.subsidyledger.contract.value;

/** Stable codes for values that fail validation; clients rely on them, so they never change meaning. */
public enum ValueErrorCode {
    INVALID_RECIPIENT_ID,
    INVALID_AMOUNT,
    INVALID_REGION,
    INVALID_PROGRAM_CODE,
    INVALID_MONTH,
    INVALID_DATE,
    MISSING_VALUE
}
