package org.subsidyledger.projections.indicator;

import org.springframework.jdbc.core.RowMapper;

/**
 * The kinds of rows the indicator sources are drawn from, each with the read models it reads, the condition every
 * row of the scope meets (program, year, recorded by the moment), what a row's amount is, and what the drill-down
 * lists of each row. {@code :program}, {@code :from}, {@code :to}, {@code :year}, {@code :at}, {@code :disbursed},
 * {@code :through} and {@code :deadline} are the {@link Scope}'s parameters.
 */
public enum Family {

    /** Funds tranches received for the year, recorded by the moment. */
    FUNDS("funds", "program_funds_view", "program_funds_view",
            "program_code = :program AND year = :year AND recorded_at <= :at", "amount_fen", null,
            "tranche_id, amount_fen, received_on, reference, recorded_at, recorded_by, event_id",
            "received_on, tranche_id", (rs, n) -> BasisRow.FundsRow.of(rs)),

    /** The annual plan in force at the moment (its latest version set by then): declared figures, not rows. */
    PLAN("plan", null, null, null, null, null, null, null, null),

    /** Batches of the year disbursed by the moment ({@code :disbursed}). */
    BATCHES("batches", "batch_view b", "batch_view b",
            "b.program_code = :program AND b.batch_id = ANY (:disbursed)", null, "b.period",
            """
            b.batch_id, to_char(b.period, 'YYYY-MM') AS period, b.disbursed_on, %s AS on_time, b.line_count,
            (SELECT s.event_id FROM batch_step_view s WHERE s.batch_id = b.batch_id AND s.step = 'DISBURSED')
                AS disbursed_event_id""".formatted(Source.ON_TIME), "b.period, b.batch_id",
            (rs, n) -> BasisRow.BatchRow.of(rs)),

    /** Lines of those batches not stopped before disbursement; whether returned decides the sources. */
    PAYMENTS("payments", "batch_line_view l", "batch_line_view l JOIN batch_view b ON b.batch_id = l.batch_id",
            "l.batch_id = ANY (:disbursed) AND l.stopped_at IS NULL", "l.amount_fen", "l.period",
            """
            l.batch_id, l.line, l.recipient_id, to_char(l.period, 'YYYY-MM') AS period, l.amount_fen,
            l.standard_fen, b.disbursed_on, CASE WHEN l.returned_at <= :at THEN l.returned_at END AS returned_at,
            (SELECT s.event_id FROM batch_step_view s WHERE s.batch_id = b.batch_id AND s.step = 'DISBURSED')
                AS payment_event_id, l.event_id AS line_event_id""", "l.period, l.batch_id, l.line",
            (rs, n) -> BasisRow.PaymentRow.of(rs)),

    /** Due person-months, per recipient, computed from enrolments, facts and payments ({@link DueMonths}). */
    DUE_MONTHS("dueMonths", null, null, null, null, null, null, null, null),

    /** Overpayment cases about the year (first overpaid month in it), as they stood at the moment, not cancelled. */
    CASES("cases", """
            overpayment_view o
            JOIN LATERAL (SELECT amount_after, recovered_after, status_after, event_id FROM overpayment_change_view c
                          WHERE c.case_id = o.case_id AND c.recorded_at <= :at
                          ORDER BY c.sequence DESC LIMIT 1) c ON true""", null,
            "o.program_code = :program AND o.first_month >= :from AND o.first_month < :to"
                    + " AND c.status_after <> 'CANCELLED'", "c.amount_after", null,
            """
            o.case_id, o.recipient_id, o.cause, c.amount_after AS amount_fen, c.recovered_after AS recovered_fen,
            c.status_after AS status, o.event_id AS identified_event_id, c.event_id AS latest_event_id""",
            "o.case_id", (rs, n) -> BasisRow.OverpaymentCaseRow.of(rs)),

    /**
     * Arrears (rule 9) of the year's months, per recipient and month, as they stood at the moment: recorded by then,
     * less the 补发 lines disbursed by then and not returned.
     */
    ARREARS("arrears", """
            (SELECT a.recipient_id, to_char(a.month, 'YYYY-MM') AS month, sum(a.difference_fen) AS owed_fen,
                    coalesce(max(s.fen), 0) AS settled_fen,
                    greatest(sum(a.difference_fen) - coalesce(max(s.fen), 0), 0) AS open_fen,
                    (SELECT p.event_id FROM arrear_part_view p WHERE p.part_id = max(a.part_id)) AS event_id
             FROM arrear_view a
             LEFT JOIN LATERAL (SELECT sum(l.amount_fen) AS fen FROM batch_line_view l
                                WHERE l.program_code = a.program_code AND l.recipient_id = a.recipient_id
                                  AND l.settles_month = a.month AND l.stopped_at IS NULL
                                  AND (l.returned_at IS NULL OR l.returned_at > :at)
                                  AND EXISTS (SELECT 1 FROM batch_step_view st WHERE st.batch_id = l.batch_id
                                              AND st.step = 'DISBURSED' AND st.recorded_at <= :at)) s ON true
             WHERE a.program_code = :program AND a.month >= :from AND a.month < :to AND a.recorded_at <= :at
             GROUP BY a.recipient_id, a.month) r""", null, "true", "r.open_fen", null,
            "r.recipient_id, r.month, r.owed_fen, r.settled_fen, r.open_fen, r.event_id", "r.recipient_id, r.month",
            (rs, n) -> BasisRow.ArrearMonthRow.of(rs)),

    /** Months withheld (rule 10) and unpaid, per recipient, computed from facts and payments ({@link DueMonths}). */
    WITHHELD_MONTHS("withheldMonths", null, null, null, null, null, null, null, null),

    /** The recipients of those cases, each settled when all their cases are recovered. */
    CASE_RECIPIENTS("caseRecipients", """
            (SELECT o.recipient_id, count(*) AS cases, sum(c.amount_after) AS overpaid_fen,
                    sum(least(c.recovered_after, c.amount_after)) AS recovered_fen,
                    bool_and(c.status_after = 'RECOVERED') AS settled
             FROM %s WHERE %s GROUP BY o.recipient_id) r""", null, "true", "r.overpaid_fen", null,
            "r.recipient_id, r.cases, r.overpaid_fen, r.recovered_fen, r.settled", "r.recipient_id",
            (rs, n) -> BasisRow.CaseRecipientRow.of(rs)),

    /**
     * The recipients expected to certify as of the moment (rule 11: enrolled, not dead, enrolment not ended), each
     * with their baseline ({@link org.subsidyledger.projections.certification.CertificationRoster}).
     */
    CERTIFICATION("certification", "(" + org.subsidyledger.projections.certification.CertificationRoster.SQL + ") r",
            null, "true", null, null,
            """
            r.recipient_id, r.name, r.region, r.effective_from, r.last_certified_on, r.last_method, r.baseline,
            r.baseline >= :certified_since AS current, r.enrolment_event_id, r.last_certification_event_id""",
            "r.recipient_id", (rs, n) -> BasisRow.CertificationRow.of(rs));

    private final String kind;
    private final String from;
    private final String listFrom;
    private final String where;
    private final String amount;
    private final String period;
    private final String columns;
    private final String order;
    private final RowMapper<BasisRow> row;

    Family(String kind, String from, String listFrom, String where, String amount, String period, String columns,
           String order, RowMapper<BasisRow> row) {
        this.row = row;
        this.kind = kind;
        this.from = from;
        this.listFrom = listFrom;
        this.where = where;
        this.amount = amount;
        this.period = period;
        this.columns = columns;
        this.order = order;
    }

    /** The drill-down's {@code kind}. */
    public String kind() {
        return kind;
    }

    /** What the totals read. */
    String from(Scope scope) {
        return this == CASE_RECIPIENTS ? from.formatted(CASES.from, CASES.where(scope)) : from;
    }

    /** What the drill-down reads (the totals' rows, joined to what a row shows). */
    String listFrom(Scope scope) {
        return listFrom == null ? from(scope) : listFrom;
    }

    /** The condition of the scope's rows: a regional scope keeps a recipient-level family to its recipients. */
    String where(Scope scope) {
        String recipient = switch (this) {
            case PAYMENTS -> "l";
            case CASES -> "o";
            case ARREARS -> "r";
            case CERTIFICATION -> "r";
            default -> null;
        };
        if (!scope.regional() || recipient == null) {
            return where;
        }
        return where + " AND EXISTS (SELECT 1 FROM enrolment_view e WHERE e.program_code = :program"
                + " AND e.recipient_id = " + recipient + ".recipient_id AND e.region LIKE ANY (:regions))";
    }

    /** Whether the family's rows are of recipients (filtered by a regional scope), not of the program as a whole. */
    boolean ofRecipients() {
        return this == PAYMENTS || this == CASES || this == CASE_RECIPIENTS || this == DUE_MONTHS
                || this == ARREARS || this == WITHHELD_MONTHS
                || this == CERTIFICATION;
    }

    String amount() {
        return amount;
    }

    /** The month a row is about, for the monthly side of the table; null when the family has no months. */
    String period() {
        return period;
    }

    String columns() {
        return columns;
    }

    String order() {
        return order;
    }

    /** What the drill-down makes of one row of {@link #columns()}. */
    RowMapper<BasisRow> row() {
        return row;
    }
}
