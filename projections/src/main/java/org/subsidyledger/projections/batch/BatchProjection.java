package org.subsidyledger.projections.batch;

import java.sql.Date;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.AuditMetadata;
import org.subsidyledger.contract.batch.BankReturnsRecorded;
import org.subsidyledger.contract.batch.BatchApproved;
import org.subsidyledger.contract.batch.BatchDisbursed;
import org.subsidyledger.contract.batch.BatchLinesRecorded;
import org.subsidyledger.contract.batch.BatchLinesStopped;
import org.subsidyledger.contract.batch.BatchPosted;
import org.subsidyledger.contract.batch.BatchRejected;
import org.subsidyledger.contract.batch.BatchResubmitted;
import org.subsidyledger.contract.batch.BatchReviewed;
import org.subsidyledger.contract.batch.BatchStatus;
import org.subsidyledger.contract.batch.BatchWithdrawn;
import org.subsidyledger.projections.support.BatchedSql;

/**
 * Builds {@code batch_view}, {@code batch_step_view} and {@code batch_line_view}. The events of one batch are one
 * aggregate and arrive in order in one segment; every change of {@code batch_view} is guarded by the event's
 * sequence number, so a redelivered event changes nothing. The hundreds of thousands of line rows go through
 * {@link BatchedSql}; workflow steps are few and written at once.
 */
@Component
@ProcessingGroup(BatchProjection.GROUP)
public class BatchProjection {

    public static final String GROUP = "batch-view";

    private final JdbcTemplate jdbc;
    private final BatchedSql sql;

    public BatchProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.sql = new BatchedSql(jdbc);
    }

    @EventHandler
    void on(BatchPosted event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(AuditMetadata.ACTOR) String actor, @MetaDataValue(AuditMetadata.ROLE) String role) {
        jdbc.update("""
                        INSERT INTO batch_view (batch_id, program_code, period, status, review_levels, line_count,
                                                total_fen, short_count, over_count, source, file_sha256, posted_at,
                                                posted_by, last_sequence)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (batch_id) DO NOTHING""",
                event.batchId(), event.programCode(), Date.valueOf(event.period().atDay(1)),
                BatchStatus.IN_REVIEW.name(), event.reviewLevels(), event.lineCount(), event.totalFen(),
                event.shortCount(), event.overCount(), event.source(), event.fileSha256(), java.sql.Timestamp.from(at), actor,
                sequence);
        step(event.batchId(), sequence, "POSTED", null, 1, null, actor, role, at, message);
    }

    @EventHandler
    void on(BatchLinesRecorded event, EventMessage<?> message) {
        BatchPeriod batch = jdbc.queryForObject("SELECT period FROM batch_view WHERE batch_id = ?",
                (rs, n) -> new BatchPeriod(rs.getDate(1)), event.batchId());
        for (BatchLinesRecorded.Line line : event.lines()) {
            sql.add("""
                            INSERT INTO batch_line_view (batch_id, recipient_id, program_code, period, line, name,
                                                         amount_fen, standard_fen, mark, event_id, settles_month,
                                                         benefit)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT (batch_id, recipient_id) DO NOTHING""",
                    event.batchId(), line.recipientId(), event.programCode(), batch.period(), line.line(),
                    line.name(), line.amountFen(), line.standardFen(), line.mark().name(), message.getIdentifier(),
                    line.settlesMonth() == null ? null : Date.valueOf(line.settlesMonth().atDay(1)), line.benefit());
        }
    }

    private record BatchPeriod(Date period) {
    }

    @EventHandler
    void on(BatchReviewed event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(AuditMetadata.ACTOR) String actor, @MetaDataValue(AuditMetadata.ROLE) String role) {
        if (advance(event.batchId(), sequence, """
                        UPDATE batch_view SET levels_passed = ?,
                               status = CASE WHEN ? >= review_levels THEN 'REVIEWED' ELSE 'IN_REVIEW' END,
                               last_sequence = ?
                        WHERE batch_id = ? AND last_sequence < ?""", event.level(), event.level())) {
            step(event.batchId(), sequence, "REVIEWED", event.level(), event.round(), event.comment(), actor, role,
                    at, message);
        }
    }

    @EventHandler
    void on(BatchRejected event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(AuditMetadata.ACTOR) String actor, @MetaDataValue(AuditMetadata.ROLE) String role) {
        if (status(event.batchId(), sequence, BatchStatus.RETURNED)) {
            step(event.batchId(), sequence, event.stage().equals("FINANCE") ? "FINANCE_REJECTED" : "REVIEW_REJECTED",
                    event.level() == 0 ? null : event.level(), event.round(), event.comment(), actor, role, at,
                    message);
        }
    }

    @EventHandler
    void on(BatchResubmitted event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(AuditMetadata.ACTOR) String actor, @MetaDataValue(AuditMetadata.ROLE) String role) {
        if (advance(event.batchId(), sequence, """
                        UPDATE batch_view SET status = 'IN_REVIEW', levels_passed = 0, round = ?, last_sequence = ?
                        WHERE batch_id = ? AND last_sequence < ?""", event.round())) {
            step(event.batchId(), sequence, "RESUBMITTED", null, event.round(), event.comment(), actor, role, at,
                    message);
        }
    }

    @EventHandler
    void on(BatchApproved event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(AuditMetadata.ACTOR) String actor, @MetaDataValue(AuditMetadata.ROLE) String role) {
        if (status(event.batchId(), sequence, BatchStatus.APPROVED)) {
            step(event.batchId(), sequence, "APPROVED", null, null, event.comment(), actor, role, at, message);
        }
    }

    @EventHandler
    void on(BatchDisbursed event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(AuditMetadata.ACTOR) String actor, @MetaDataValue(AuditMetadata.ROLE) String role) {
        if (advance(event.batchId(), sequence, """
                        UPDATE batch_view SET status = 'DISBURSED', disbursed_on = ?, deducted_count = ?,
                                              deducted_fen = ?, last_sequence = ?
                        WHERE batch_id = ? AND last_sequence < ?""", Date.valueOf(event.disbursedOn()),
                event.deductions().size(), event.deductedFen())) {
            sql.flushPending(); // the lines may have been queued in this same processor batch
            countPayments(event.batchId());
            jdbc.update("""
                    INSERT INTO paid_recipient_year_view (program_code, year, recipient_id, paid_months)
                    SELECT program_code, extract(year FROM period)::int, recipient_id,
                           1 << (extract(month FROM period)::int - 1)
                    FROM batch_line_view
                    WHERE batch_id = ? AND stopped_at IS NULL AND returned_at IS NULL AND settles_month IS NULL
                      AND benefit IS NULL
                    ORDER BY recipient_id
                    ON CONFLICT (program_code, year, recipient_id)
                    DO UPDATE SET paid_months = paid_recipient_year_view.paid_months | EXCLUDED.paid_months""",
                    event.batchId());
            if (!event.deductions().isEmpty()) {
                jdbc.batchUpdate("""
                                UPDATE batch_line_view SET deducted_fen = deducted_fen + ?
                                WHERE batch_id = ? AND recipient_id = ?""",
                        event.deductions().stream().map(d -> new Object[]{d.amountFen(), event.batchId(),
                                        d.recipientId()})
                                .toList());
            }
            step(event.batchId(), sequence, "DISBURSED", null, null, "disbursed on " + event.disbursedOn()
                    + (event.deductions().isEmpty() ? "" : "; " + event.deductions().size()
                    + " deduction(s) kept back"), actor, role, at, message);
        }
    }

    @EventHandler
    void on(BatchWithdrawn event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(AuditMetadata.ACTOR) String actor, @MetaDataValue(AuditMetadata.ROLE) String role) {
        if (status(event.batchId(), sequence, BatchStatus.WITHDRAWN)) {
            step(event.batchId(), sequence, "WITHDRAWN", null, null, event.reason(), actor, role, at, message);
        }
    }

    @EventHandler
    void on(BankReturnsRecorded event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(AuditMetadata.ACTOR) String actor, @MetaDataValue(AuditMetadata.ROLE) String role) {
        long total = event.returns().stream().mapToLong(BankReturnsRecorded.Returned::amountFen).sum();
        if (!advance(event.batchId(), sequence, """
                        UPDATE batch_view SET returned_count = returned_count + ?, returned_fen = returned_fen + ?,
                                              last_sequence = ?
                        WHERE batch_id = ? AND last_sequence < ?""", event.returns().size(), total)) {
            return;
        }
        sql.flushPending(); // the returned lines may have been queued in this same processor batch
        java.sql.Timestamp returnedAt = java.sql.Timestamp.from(at);
        jdbc.batchUpdate("""
                        UPDATE batch_line_view SET returned_at = ?, return_reason = ?
                        WHERE batch_id = ? AND recipient_id = ? AND returned_at IS NULL""",
                event.returns().stream().map(r -> new Object[]{returnedAt, r.reason(), event.batchId(),
                        r.recipientId()}).toList());
        countPayments(event.batchId());
        jdbc.batchUpdate("""
                        UPDATE paid_recipient_year_view p
                        SET paid_months = p.paid_months & ~(1 << (extract(month FROM b.period)::int - 1))
                        FROM batch_view b
                        WHERE b.batch_id = ? AND p.program_code = b.program_code
                          AND p.year = extract(year FROM b.period) AND p.recipient_id = ?
                          AND EXISTS (SELECT 1 FROM batch_line_view l WHERE l.batch_id = b.batch_id
                                      AND l.recipient_id = p.recipient_id AND l.settles_month IS NULL
                                      AND l.benefit IS NULL)""",
                event.returns().stream().map(BankReturnsRecorded.Returned::recipientId).sorted()
                        .map(id -> new Object[]{event.batchId(), id}).toList());
        step(event.batchId(), sequence, "BANK_RETURN", null, null, event.returns().size() + " line(s) returned ("
                + event.source() + ")", actor, role, at, message);
    }

    @EventHandler
    void on(BatchLinesStopped event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(AuditMetadata.ACTOR) String actor, @MetaDataValue(AuditMetadata.ROLE) String role) {
        long total = event.lines().stream().mapToLong(BatchLinesStopped.Stopped::amountFen).sum();
        if (!advance(event.batchId(), sequence, """
                        UPDATE batch_view SET stopped_count = stopped_count + ?, stopped_fen = stopped_fen + ?,
                                              last_sequence = ?
                        WHERE batch_id = ? AND last_sequence < ?""", event.lines().size(), total)) {
            return;
        }
        sql.flushPending(); // the stopped lines may have been queued in this same processor batch
        java.sql.Timestamp stoppedAt = java.sql.Timestamp.from(at);
        jdbc.batchUpdate("""
                        UPDATE batch_line_view SET stopped_at = ?, stop_fact_id = ?
                        WHERE batch_id = ? AND recipient_id = ? AND stopped_at IS NULL""",
                event.lines().stream().map(l -> new Object[]{stoppedAt, event.factId(), event.batchId(),
                        l.recipientId()}).toList());
        step(event.batchId(), sequence, "LINES_STOPPED", null, null, event.lines().size() + " line(s) stopped: "
                + event.cause() + " (fact " + event.factId() + ")", actor, role, at, message);
    }

    /**
     * Counts the batch's payments from its lines — not stopped, not returned — into its running totals (V13), which
     * the indicator table reads "now".
     */
    /** A monthly line: neither 补发 nor one-off — a paid person-month. */
    private static final String MONTHLY = "settles_month IS NULL AND benefit IS NULL";

    private void countPayments(String batchId) {
        jdbc.update("""
                UPDATE batch_view b SET paid_count = t.paid, paid_full_count = t.full, paid_fen = t.fen,
                                        spent_count = t.spent, spent_fen = t.spent_fen
                FROM (SELECT count(*) FILTER (WHERE %1$s) AS paid,
                             count(*) FILTER (WHERE %1$s AND amount_fen >= standard_fen) AS full,
                             coalesce(sum(amount_fen) FILTER (WHERE %1$s), 0) AS fen,
                             count(*) AS spent, coalesce(sum(amount_fen), 0) AS spent_fen
                      FROM batch_line_view WHERE batch_id = ? AND stopped_at IS NULL AND returned_at IS NULL) t
                WHERE b.batch_id = ?""".formatted(MONTHLY), batchId, batchId);
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE batch_view, batch_step_view, batch_line_view, paid_recipient_year_view, "
                + "batch_region_view, batch_comparison_view");
    }

    private boolean status(String batchId, long sequence, BatchStatus status) {
        return advance(batchId, sequence, """
                UPDATE batch_view SET status = ?, last_sequence = ? WHERE batch_id = ? AND last_sequence < ?""",
                status.name());
    }

    /**
     * Runs {@code update}, whose parameters are {@code values} then sequence, batch id and sequence again, and tells
     * whether it changed the batch (false: this event was handled before).
     */
    private boolean advance(String batchId, long sequence, String update, Object... values) {
        Object[] args = new Object[values.length + 3];
        System.arraycopy(values, 0, args, 0, values.length);
        args[values.length] = sequence;
        args[values.length + 1] = batchId;
        args[values.length + 2] = sequence;
        return jdbc.update(update, args) == 1;
    }

    private void step(String batchId, long sequence, String step, Integer level, Integer round, String comment,
                      String actor, String role, Instant at, EventMessage<?> message) {
        jdbc.update("""
                        INSERT INTO batch_step_view (batch_id, sequence, step, level, round, comment, actor, role,
                                                     recorded_at, event_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (batch_id, sequence) DO NOTHING""",
                batchId, sequence, step, level, round, comment, actor, role, java.sql.Timestamp.from(at),
                message.getIdentifier());
    }
}
