package org.subsidyledger.projections.batch;

/** How a line's state is derived in SQL from its batch's status and whether the bank returned it. */
public final class BatchLineState {

    /** Over {@code batch_line_view l JOIN batch_view b}: STOPPED, RETURNED, PAID, WITHDRAWN or PENDING. */
    public static final String SQL = """
            CASE WHEN l.stopped_at IS NOT NULL THEN 'STOPPED'
                 WHEN l.returned_at IS NOT NULL THEN 'RETURNED'
                 WHEN b.status = 'DISBURSED' THEN 'PAID'
                 WHEN b.status = 'WITHDRAWN' THEN 'WITHDRAWN'
                 ELSE 'PENDING' END""";

    private BatchLineState() {
    }
}
