package org.subsidyledger.projections.port;

import java.util.List;

/**
 * A selection of the recovery ledger by the filters of {@code GET /overpayments} (program, status, cause, region,
 * recipient, aging), within the caller's region scope, for the write side's bulk actions — notices for many cases.
 */
public interface LedgerSelection {

    /** The ids of the selected cases that still have something outstanding, oldest first, at most {@code limit + 1}. */
    List<String> openCases(String program, String status, String cause, String region, String recipient,
                           String aging, int limit);
}
