package org.subsidyledger.contract.program;

import java.time.YearMonth;
import org.axonframework.serialization.Revision;

/**
 * A month of a program closed (月结): its payment figures sealed as they stood at the close. Later facts about the
 * month (a bank return, a reissue) no longer change its figures; they show as adjustments in the next open month.
 * Months close in order.
 *
 * @param figures the month's figures at the close, as the indicator table computed them
 * @param reason  optional remark of who closed it
 */
@Revision("1")
public record MonthClosed(String programCode, YearMonth month, Figures figures, String reason) {

    /** A month's payment side: disbursed batches (on time), lines sent and returned, payments (full), spending. */
    public record Figures(long batches, long onTimeBatches, long linesSent, long linesReturned, long payments,
                          long fullPayments, long spendingFen) {
    }
}
