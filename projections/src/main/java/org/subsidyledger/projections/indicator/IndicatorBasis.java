package org.subsidyledger.projections.indicator;

import org.subsidyledger.contract.error.LedgerException;

import org.subsidyledger.contract.error.ErrorCode;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.subsidyledger.projections.support.Amounts;
import org.subsidyledger.projections.support.Page;

/**
 * What is behind a figure (drill-down): {@code GET /programs/{code}/indicators/{key}/basis?year=&side=&asOf=} lists,
 * paged, the rows its numerator or denominator counts or sums as of the moment — funds tranches, payments, batches,
 * recipients paid, overpayment cases — each with the id of the event that recorded it. {@code count} and {@code sum}
 * cover the whole list and equal the figure's numerator or denominator.
 */
@RestController
@PreAuthorize("hasAnyRole('EVALUATOR', 'AUDITOR', 'FINANCE', 'INSPECTOR', 'ADMIN')")
class IndicatorBasis {

    /** One side of one figure: what kind of rows, which of them, and whether the figure counts or sums them. */
    private record Source(String kind, String filter, boolean sums) {
    }

    record Basis(String key, String side, String kind, long count, String sum, Page<Map<String, Object>> rows) {
    }

    private static final String PAID = "(l.returned_at IS NULL OR l.returned_at > :at)";

    private static final String ON_TIME = """
            (b.disbursed_on <= b.period + (least(:deadline, extract(day FROM b.period + interval '1 month'
                                                   - interval '1 day')::int) - 1))""";

    /** Paid in the last month of the year with a batch disbursed as of the moment (年末发放人数). */
    private static final String LAST_MONTH = PAID + """
             AND l.period = (SELECT max(b2.period) FROM batch_view b2
                             WHERE b2.program_code = :program AND b2.period >= :from AND b2.period < :to
                               AND EXISTS (SELECT 1 FROM batch_step_view s2 WHERE s2.batch_id = b2.batch_id
                                           AND s2.step = 'DISBURSED' AND s2.recorded_at <= :at))""";

    private static final Map<String, Source> SOURCES = Map.ofEntries(
            Map.entry("fundsArrivalRate/numerator", new Source("funds", "true", true)),
            Map.entry("budgetExecutionRate/numerator", new Source("payments", PAID, true)),
            Map.entry("budgetExecutionRate/denominator", new Source("funds", "true", true)),
            Map.entry("recipientCompletionRate/numerator", new Source("recipients", PAID, false)),
            Map.entry("yearEndRecipientCompletionRate/numerator", new Source("recipients", LAST_MONTH, false)),
            Map.entry("payoutCompletionRate/numerator", new Source("months", "true", false)),
            Map.entry("fullPaymentRate/numerator", new Source("payments", PAID + " AND l.amount_fen >= l.standard_fen",
                    false)),
            Map.entry("fullPaymentRate/denominator", new Source("payments", PAID, false)),
            Map.entry("onTimeRate/numerator", new Source("batches", ON_TIME, false)),
            Map.entry("onTimeRate/denominator", new Source("batches", "true", false)),
            Map.entry("lateBatches/numerator", new Source("batches", "NOT " + ON_TIME, false)),
            Map.entry("firstAttemptSuccessRate/numerator", new Source("payments", PAID, false)),
            Map.entry("firstAttemptSuccessRate/denominator", new Source("payments", "true", false)),
            Map.entry("averagePerPersonMonth/numerator", new Source("payments", PAID, true)),
            Map.entry("averagePerPersonMonth/denominator", new Source("payments", PAID, false)),
            Map.entry("recoveryRate/numerator", new Source("cases", "true", true)),
            Map.entry("recoveryRate/denominator", new Source("cases", "true", true)));



    private final org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate jdbc;
    private final IndicatorCalculator calculator;

    IndicatorBasis(JdbcTemplate jdbc, IndicatorCalculator calculator) {
        this.jdbc = new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(jdbc);
        this.calculator = calculator;
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "List the rows behind an indicator's numerator or denominator")
    @GetMapping("/api/v1/programs/{code}/indicators/{key}/basis")
    Basis basis(@PathVariable String code, @PathVariable String key, @RequestParam int year,
                @RequestParam(defaultValue = "numerator") String side, @RequestParam(required = false) String asOf,
                @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        Instant moment = AsOf.parse(asOf);
        String normalisedSide = side.strip().toLowerCase();
        if (DUE_MONTHS.containsKey(key + "/" + normalisedSide)) {
            return dueMonths(code, key, normalisedSide, AsOf.year(year), asOf, moment, page, size);
        }
        Source source = key.startsWith("overpaymentCases.") && normalisedSide.equals("numerator")
                ? new Source("cases", "o.cause = :cause", false)
                : SOURCES.get(key + "/" + normalisedSide);
        if (source == null) {
            throw new LedgerException(ErrorCode.INVALID_QUERY, "no list behind the " + normalisedSide + " of " + key
                    + " (listed: " + String.join(", ", new java.util.TreeSet<>(SOURCES.keySet())) + ", "
                    + String.join(", ", new java.util.TreeSet<>(DUE_MONTHS.keySet()))
                    + ", overpaymentCases.*/numerator)");
        }
        AsOf.year(year);
        calculator.program(code, moment); // the program must exist as of the moment
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("program", code);
        params.put("from", Date.valueOf(LocalDate.of(year, 1, 1)));
        params.put("to", Date.valueOf(LocalDate.of(year + 1, 1, 1)));
        params.put("at", Timestamp.from(moment));
        params.put("deadline", jdbc.getJdbcTemplate().queryForObject(
                "SELECT deadline_day FROM program_view WHERE code = ?", Integer.class, code));
        if (key.startsWith("overpaymentCases.")) {
            params.put("cause", key.substring("overpaymentCases.".length()));
        }
        int pageSize = Page.size(size);
        params.put("limit", pageSize);
        params.put("offset", (long) Math.max(0, page) * pageSize);
        String[] sql = sql(source, key, normalisedSide);
        Map<String, Object> totals = jdbc.queryForMap(sql[1], params);
        List<Map<String, Object>> rows = new ArrayList<>();
        jdbc.query(sql[0] + " LIMIT :limit OFFSET :offset", params, rs -> {
            Map<String, Object> row = new LinkedHashMap<>();
            var meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String column = meta.getColumnLabel(i);
                Object value = rs.getObject(i);
                if (column.endsWith("_fen") && value != null) {
                    row.put(column.substring(0, column.length() - 4), Amounts.yuan(((Number) value).longValue()));
                } else {
                    row.put(column, value instanceof java.sql.Date date ? date.toLocalDate().toString()
                            : value instanceof Timestamp ts ? ts.toInstant().toString() : value);
                }
            }
            rows.add(row);
        });
        long count = ((Number) totals.get("count")).longValue();
        Object sum = totals.get("sum");
        return new Basis(key, normalisedSide, source.kind(), count,
                source.sums() && sum != null ? Amounts.yuan(((Number) sum).longValue()) : null,
                new Page<>(rows, Math.max(0, page), pageSize, count));
    }

    /** The sides read from the due person-months: figure key/side → the figure's field that the list adds up. */
    private static final Map<String, String> DUE_MONTHS = Map.of(
            "dueCoverageRate/denominator", "denominator", "dueCoverageRate/numerator", "numerator",
            "fullPaymentAmountRate/denominator", "denominator", "dueNotPaidPersonMonths/numerator", "numerator");

    /**
     * Due person-months, per recipient: the figure gives the totals (count, sum); the rows give each recipient's due
     * months, those paid and those not due, which add up to them.
     */
    private Basis dueMonths(String code, String key, String side, int year, String asOf, Instant moment, int page,
                            int size) {
        IndicatorCalculator.IndicatorTable table = asOf == null || asOf.isBlank()
                ? calculator.current(code, year) : calculator.compute(code, year, moment);
        IndicatorCalculator.Figure figure = table.indicators().stream().filter(f -> f.key().equals(key))
                .findFirst().orElseThrow();
        String total = side.equals("numerator") ? figure.numerator() : figure.denominator();
        int pageSize = Page.size(size);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (IndicatorCalculator.DueRow row : calculator.dueMonths(code, year, table.asOf(),
                (long) Math.max(0, page) * pageSize, pageSize)) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("recipient_id", row.recipientId());
            item.put("name", row.name());
            item.put("enrolled_from", row.enrolledFrom());
            item.put("due_months", row.dueMonths());
            item.put("due", row.due());
            item.put("paid_due_months", row.paidDueMonths());
            item.put("not_due_months", row.notDueMonths());
            item.put("enrolment_event_id", row.enrolmentEventId());
            rows.add(item);
        }
        long recipients = jdbc.getJdbcTemplate().queryForObject("""
                SELECT count(*) FROM enrolment_view WHERE program_code = ? AND enrolled_at <= ?""", Long.class, code,
                Timestamp.from(table.asOf()));
        boolean amount = key.equals("fullPaymentAmountRate");
        long count = amount ? table.indicators().stream().filter(f -> f.key().equals("dueCoverageRate"))
                .mapToLong(f -> Long.parseLong(f.denominator())).findFirst().orElseThrow() : Long.parseLong(total);
        return new Basis(key, side, "dueMonths", count, amount ? total : null,
                new Page<>(rows, Math.max(0, page), pageSize, recipients));
    }

    /** The list's query and its totals' query. */
    private static String[] sql(Source source, String key, String side) {
        String disbursed = """
                EXISTS (SELECT 1 FROM batch_step_view s WHERE s.batch_id = b.batch_id AND s.step = 'DISBURSED'
                        AND s.recorded_at <= :at)""";
        return switch (source.kind()) {
            case "funds" -> new String[]{"""
                    SELECT tranche_id, amount_fen, received_on, reference, recorded_at, recorded_by, event_id
                    FROM program_funds_view
                    WHERE program_code = :program AND year = extract(year FROM CAST(:from AS date))
                      AND recorded_at <= :at ORDER BY received_on, tranche_id""", """
                    SELECT count(*) AS count, coalesce(sum(amount_fen), 0) AS sum FROM program_funds_view
                    WHERE program_code = :program AND year = extract(year FROM CAST(:from AS date))
                      AND recorded_at <= :at"""};
            case "payments" -> {
                String from = """
                        FROM batch_line_view l JOIN batch_view b ON b.batch_id = l.batch_id
                        WHERE l.program_code = :program AND l.period >= :from AND l.period < :to
                          AND l.stopped_at IS NULL AND %s AND %s""".formatted(disbursed, source.filter());
                yield new String[]{"""
                        SELECT l.batch_id, l.line, l.recipient_id, to_char(l.period, 'YYYY-MM') AS period,
                               l.amount_fen, l.standard_fen, b.disbursed_on,
                               CASE WHEN l.returned_at <= :at THEN l.returned_at END AS returned_at,
                               (SELECT s.event_id FROM batch_step_view s WHERE s.batch_id = b.batch_id
                                AND s.step = 'DISBURSED') AS payment_event_id, l.event_id AS line_event_id
                        """ + from + " ORDER BY l.period, l.batch_id, l.line",
                        "SELECT count(*) AS count, coalesce(sum(l.amount_fen), 0) AS sum " + from};
            }
            case "recipients" -> {
                String from = """
                        FROM batch_line_view l JOIN batch_view b ON b.batch_id = l.batch_id
                        WHERE l.program_code = :program AND l.period >= :from AND l.period < :to
                          AND l.stopped_at IS NULL AND %s AND %s""".formatted(disbursed, source.filter());
                yield new String[]{"SELECT l.recipient_id, count(*) AS months_paid, sum(l.amount_fen) AS paid_fen "
                        + from + " GROUP BY l.recipient_id ORDER BY l.recipient_id",
                        "SELECT count(DISTINCT l.recipient_id) AS count, NULL AS sum " + from};
            }
            case "batches", "months" -> {
                String from = """
                        FROM batch_view b
                        WHERE b.program_code = :program AND b.period >= :from AND b.period < :to AND %s AND %s"""
                        .formatted(disbursed, source.filter());
                yield new String[]{"""
                        SELECT b.batch_id, to_char(b.period, 'YYYY-MM') AS period, b.disbursed_on, %s AS on_time,
                               b.line_count, (SELECT s.event_id FROM batch_step_view s WHERE s.batch_id = b.batch_id
                                              AND s.step = 'DISBURSED') AS disbursed_event_id
                        """.formatted(ON_TIME) + from + " ORDER BY b.period, b.batch_id",
                        (source.kind().equals("months") ? "SELECT count(DISTINCT b.period) AS count, NULL AS sum "
                                : "SELECT count(*) AS count, NULL AS sum ") + from};
            }
            case "cases" -> {
                String amount = side.equals("numerator") && key.equals("recoveryRate")
                        ? "least(c.recovered_after, c.amount_after)" : "c.amount_after";
                String from = """
                        FROM overpayment_view o
                        JOIN LATERAL (SELECT amount_after, recovered_after, status_after, event_id
                                      FROM overpayment_change_view c
                                      WHERE c.case_id = o.case_id AND c.recorded_at <= :at
                                      ORDER BY c.sequence DESC LIMIT 1) c ON true
                        WHERE o.program_code = :program AND o.first_month >= :from AND o.first_month < :to
                          AND c.status_after <> 'CANCELLED' AND %s""".formatted(source.filter());
                yield new String[]{"""
                        SELECT o.case_id, o.recipient_id, o.cause, c.amount_after AS amount_fen,
                               c.recovered_after AS recovered_fen, c.status_after AS status,
                               o.event_id AS identified_event_id, c.event_id AS latest_event_id
                        """ + from + " ORDER BY o.case_id",
                        "SELECT count(*) AS count, coalesce(sum(" + amount + "), 0) AS sum " + from};
            }
            default -> throw new IllegalStateException(source.kind());
        };
    }
}
