package org.subsidyledger.projections.port;

import java.time.YearMonth;
import org.subsidyledger.contract.program.MonthClosed;

/**
 * The figures of one program-month as the read models show them, for the write side's month close (月结), which
 * seals them in its {@code MonthClosed} event.
 */
public interface MonthFigures {

    /**
     * The month's figures now (zeros when nothing was paid); {@code UNKNOWN_PROGRAM} when the program does not exist.
     */
    MonthClosed.Figures current(String program, YearMonth month);

    /** Payments of the month the read models have projected (lines of disbursed batches, less none). */
    long projectedPayments(String program, YearMonth month);
}
