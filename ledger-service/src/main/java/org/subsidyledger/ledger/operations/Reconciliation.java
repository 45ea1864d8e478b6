package org.subsidyledger.ledger.operations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.subsidyledger.contract.batch.BatchDisbursed;
import org.subsidyledger.contract.batch.BatchLinesRecorded;
import org.subsidyledger.contract.batch.BatchPosted;
import org.subsidyledger.contract.enrolment.RecipientsEnrolled;
import org.subsidyledger.contract.overpayment.OverpaymentIdentified;

/**
 * {@code GET /api/v1/operations/reconciliation[?program=]}: the event store against every place that derives from
 * it, counted and summed per program and month, in one repeatable-read snapshot. Batches: batches posted, lines and
 * their amount (分), batches disbursed — from the events ({@code BatchPosted}, {@code BatchLinesRecorded},
 * {@code BatchDisbursed}), from the write side's {@code payout_line_index}, and from the read models
 * {@code batch_view} and {@code batch_line_view}. Enrolments and overpayment cases per program likewise. Every row
 * where a source differs from the events is listed in {@code differences}; read models that are still catching up
 * differ until they have (compare {@code GET /operations/processors}).
 */
@RestController
@PreAuthorize("hasRole('ADMIN')")
class Reconciliation {

    /** One figure set of one source. {@code null} fields: that source does not know the figure. */
    record Figures(Long batches, Long lines, Long amountFen, Long disbursed) {
    }

    record ReconciliationRow(String program, String month, String subject, Map<String, Figures> sources,
                             boolean agrees) {
    }

    record Report(boolean agrees, long rows, List<ReconciliationRow> differences, List<ReconciliationRow> all) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;

    Reconciliation(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Compare read models and write-side indexes with the events")
    @GetMapping("/api/v1/operations/reconciliation")
    Report reconcile(@RequestParam(required = false) String program) {
        return snapshot.execute(status -> {
            Map<String, Map<String, Figures>> rows = new java.util.TreeMap<>();
            String filter = program == null ? "" : program.strip();
            batches("events", """
                    WITH posted AS (
                        SELECT p->>'batchId' AS batch_id, p->>'programCode' AS program, p->>'period' AS month
                        FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS p FROM domain_event_entry
                              WHERE payload_type = ?) e),
                    lines AS (
                        SELECT p->>'batchId' AS batch_id, sum(jsonb_array_length(p->'lines')) AS n,
                               sum((SELECT sum((l->>'amountFen')::bigint) FROM jsonb_array_elements(p->'lines') l)) AS fen
                        FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS p FROM domain_event_entry
                              WHERE payload_type = ?) e GROUP BY 1),
                    disbursed AS (
                        SELECT DISTINCT convert_from(payload, 'UTF8')::jsonb->>'batchId' AS batch_id FROM domain_event_entry
                        WHERE payload_type = ?)
                    SELECT program, month, count(*), coalesce(sum(lines.n), 0), coalesce(sum(lines.fen), 0),
                           count(disbursed.batch_id)
                    FROM posted LEFT JOIN lines USING (batch_id) LEFT JOIN disbursed USING (batch_id)
                    WHERE ? = '' OR program = ?
                    GROUP BY 1, 2""", rows, BatchPosted.class.getName(), BatchLinesRecorded.class.getName(),
                    BatchDisbursed.class.getName(), filter, filter);
            batches("payout_line_index", """
                    SELECT program_code, to_char(period, 'YYYY-MM'), count(DISTINCT batch_id), count(*), sum(amount_fen),
                           NULL
                    FROM payout_line_index WHERE ? = '' OR program_code = ? GROUP BY 1, 2""", rows, filter, filter);
            batches("batch_view", """
                    SELECT program_code, to_char(period, 'YYYY-MM'), count(*), sum(line_count), sum(total_fen),
                           count(*) FILTER (WHERE status = 'DISBURSED')
                    FROM batch_view WHERE ? = '' OR program_code = ? GROUP BY 1, 2""", rows, filter, filter);
            batches("batch_line_view", """
                    SELECT program_code, to_char(period, 'YYYY-MM'), count(DISTINCT batch_id), count(*), sum(amount_fen),
                           NULL
                    FROM batch_line_view WHERE ? = '' OR program_code = ? GROUP BY 1, 2""", rows, filter, filter);
            counts("enrolments", "events", """
                    SELECT p->>'programCode', count(DISTINCT e->>'recipientId')
                    FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS p FROM domain_event_entry WHERE payload_type = ?) x,
                         jsonb_array_elements(p->'enrolments') e
                    WHERE ? = '' OR p->>'programCode' = ? GROUP BY 1""", rows, RecipientsEnrolled.class.getName(),
                    filter, filter);
            counts("enrolments", "enrolment_index", """
                    SELECT program_code, count(*) FROM enrolment_index WHERE ? = '' OR program_code = ? GROUP BY 1""",
                    rows, filter, filter);
            counts("enrolments", "enrolment_view", """
                    SELECT program_code, count(*) FROM enrolment_view WHERE ? = '' OR program_code = ? GROUP BY 1""",
                    rows, filter, filter);
            counts("overpayment cases", "events", """
                    SELECT p->>'programCode', count(*)
                    FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS p FROM domain_event_entry WHERE payload_type = ?) x
                    WHERE ? = '' OR p->>'programCode' = ? GROUP BY 1""", rows, OverpaymentIdentified.class.getName(),
                    filter, filter);
            counts("overpayment cases", "overpayment_case_index", """
                    SELECT program_code, count(*) FROM overpayment_case_index WHERE ? = '' OR program_code = ?
                    GROUP BY 1""", rows, filter, filter);
            counts("overpayment cases", "overpayment_view", """
                    SELECT program_code, count(*) FROM overpayment_view WHERE ? = '' OR program_code = ? GROUP BY 1""",
                    rows, filter, filter);
            List<ReconciliationRow> all = new ArrayList<>();
            List<ReconciliationRow> differences = new ArrayList<>();
            for (Map.Entry<String, Map<String, Figures>> entry : rows.entrySet()) {
                String[] key = entry.getKey().split("\u0000", -1);
                ReconciliationRow row = new ReconciliationRow(key[0], key[1].isEmpty() ? null : key[1], key[2], entry.getValue(),
                        agrees(entry.getValue()));
                all.add(row);
                if (!row.agrees()) {
                    differences.add(row);
                }
            }
            return new Report(differences.isEmpty(), all.size(), differences, all);
        });
    }

    private void batches(String source, String sql, Map<String, Map<String, Figures>> rows, Object... args) {
        jdbc.query(sql, rs -> {
            Long disbursed = rs.getObject(6) == null ? null : rs.getLong(6);
            put(rows, rs.getString(1), rs.getString(2), "batches", source,
                    new Figures(rs.getLong(3), rs.getLong(4), rs.getLong(5), disbursed));
        }, args);
    }

    private void counts(String subject, String source, String sql, Map<String, Map<String, Figures>> rows,
                        Object... args) {
        jdbc.query(sql, rs -> {
            put(rows, rs.getString(1), null, subject, source, new Figures(null, rs.getLong(2), null, null));
        }, args);
    }

    private static void put(Map<String, Map<String, Figures>> rows, String program, String month, String subject,
                            String source, Figures figures) {
        rows.computeIfAbsent(program + "\u0000" + (month == null ? "" : month) + "\u0000" + subject,
                k -> new LinkedHashMap<>()).put(source, figures);
    }

    /** Every source that knows a figure has the events' value; a source missing a row entirely differs. */
    private static boolean agrees(Map<String, Figures> sources) {
        Figures events = sources.get("events");
        int expected = sources.size();
        if (events == null) {
            return false;
        }
        for (Figures other : sources.values()) {
            if (!same(events.batches(), other.batches()) || !same(events.lines(), other.lines())
                    || !same(events.amountFen(), other.amountFen()) || !same(events.disbursed(), other.disbursed())) {
                return false;
            }
        }
        return expected == (events.batches() == null ? 3 : 4);
    }

    private static boolean same(Long expected, Long actual) {
        return expected == null || actual == null || Objects.equals(expected, actual);
    }
}
