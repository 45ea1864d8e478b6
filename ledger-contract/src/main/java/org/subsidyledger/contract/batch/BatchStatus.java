package org.subsidyledger.contract.batch;

/**
 * Where a batch is in its workflow: posted → reviewed level by level → approved by finance → disbursed. A rejection
 * at any level returns it to the clerk, who resubmits or withdraws it.
 */
public enum BatchStatus {
    /** Waiting for the next review level. */
    IN_REVIEW,
    /** Every review level passed; waiting for finance. */
    REVIEWED,
    /** Rejected by a reviewer or finance; back with the clerk. */
    RETURNED,
    /** Approved by finance; waiting for the bank. */
    APPROVED,
    /** Paid by the bank: its lines are payments. */
    DISBURSED,
    /** Withdrawn by the clerk before approval: none of its lines is pending any more. */
    WITHDRAWN
}
