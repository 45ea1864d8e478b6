package org.subsidyledger.projections.port;

import java.util.List;

/**
 * A selection of the recovery ledger by the filters of {@code GET /overpayments} (program, status, cause, region,
 * recipient, aging, and the recovery procedure's appealOpen, noticeDelivered, instalmentsOverdue and nextStep), within
 * the caller's region scope, for the write side's bulk actions — notices for many cases.
 */
public interface LedgerSelection {

    /** The filters, as {@code GET /overpayments} takes them (null: not filtered). */
    record Filter(String program, String status, String cause, String region, String recipient, String aging,
                  String appealOpen, String noticeDelivered, String instalmentsOverdue, String nextStep) {
    }

    /** The ids of the selected cases that still have something outstanding, oldest first, at most {@code limit + 1}. */
    List<String> openCases(Filter filter, int limit);
}
