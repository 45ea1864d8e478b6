package org.subsidyledger.projections.overpayment;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.AuditMetadata;
import org.subsidyledger.contract.overpayment.AppealDecided;
import org.subsidyledger.contract.overpayment.AppealFiled;
import org.subsidyledger.contract.overpayment.DeductionArranged;
import org.subsidyledger.contract.overpayment.InstalmentsAgreed;
import org.subsidyledger.contract.overpayment.RecoveryContactRecorded;
import org.subsidyledger.contract.overpayment.RecoveryNoticeDelivered;
import org.subsidyledger.contract.overpayment.RecoveryNoticeGenerated;
import org.subsidyledger.contract.overpayment.DeductionEnded;
import org.subsidyledger.contract.overpayment.OverpaidMonth;
import org.subsidyledger.contract.overpayment.RefundRecorded;
import org.subsidyledger.contract.overpayment.RepaymentReversed;
import org.subsidyledger.contract.overpayment.OverpaymentAdjusted;
import org.subsidyledger.contract.overpayment.CancellationApproved;
import org.subsidyledger.contract.overpayment.CancellationProposed;
import org.subsidyledger.contract.overpayment.CancellationRejected;
import org.subsidyledger.contract.overpayment.OverpaymentCancelled;
import org.subsidyledger.contract.overpayment.OverpaymentIdentified;
import org.subsidyledger.contract.overpayment.RepaymentRecorded;
import org.subsidyledger.contract.overpayment.WriteOffApproved;
import org.subsidyledger.contract.overpayment.WriteOffProposed;
import org.subsidyledger.contract.overpayment.WriteOffRejected;
import org.subsidyledger.projections.support.BatchedSql;

/**
 * Builds the recovery ledger (追回台账): {@code overpayment_view} with one row per case, its overpaid months and its
 * history. A case's events are one aggregate, in order in one segment; changes are guarded by the event's sequence
 * number. New cases — thousands at once after a death comparison — are written in JDBC batches. The recovery
 * procedure (rule 14: notices, delivery, contacts, instalments, appeals) is kept on the case's row as it stands; what
 * depends on the day asked (instalments overdue, the next step) is computed when the ledger is read.
 */
@Component
@ProcessingGroup(OverpaymentProjection.GROUP)
public class OverpaymentProjection {

    public static final String GROUP = "overpayment-view";

    private final JdbcTemplate jdbc;
    private final BatchedSql sql;

    public OverpaymentProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.sql = new BatchedSql(jdbc);
    }

    @EventHandler
    void on(OverpaymentIdentified event, EventMessage<?> message, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at, @MetaDataValue(AuditMetadata.ACTOR) String actor,
            @MetaDataValue(AuditMetadata.ROLE) String role) {
        List<YearMonth> months = event.months().stream().map(OverpaidMonth::period).sorted().toList();
        Timestamp when = Timestamp.from(at);
        sql.add("""
                        INSERT INTO overpayment_view (case_id, recipient_id, program_code, fact_id, cause, rule,
                                                      rule_description, amount_fen, status, month_count, first_month,
                                                      last_month, identified_on, identified_at, identified_by,
                                                      event_id, updated_at, last_sequence)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (case_id) DO NOTHING""", event.caseId(), event.recipientId(),
                event.programCode(), event.factId(), event.cause().name(), event.rule(), event.ruleDescription(),
                event.amountFen(), months.size(), Date.valueOf(months.get(0).atDay(1)),
                Date.valueOf(months.get(months.size() - 1).atDay(1)), Date.valueOf(event.identifiedOn()), when,
                actor, message.getIdentifier(), when, sequence);
        for (OverpaidMonth month : event.months()) {
            addMonth(event.caseId(), month);
        }
        sql.add(CHANGE_IDENTIFIED, event.caseId(), sequence, "IDENTIFIED", event.amountFen(),
                event.ruleDescription(), when, actor, role, message.getIdentifier(), event.amountFen());
    }

    @EventHandler
    void on(OverpaymentAdjusted event, EventMessage<?> message, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at, @MetaDataValue(AuditMetadata.ACTOR) String actor,
            @MetaDataValue(AuditMetadata.ROLE) String role) {
        sql.flushPending(); // the case may have been queued in this same processor batch
        Timestamp when = Timestamp.from(at);
        if (jdbc.update("UPDATE overpayment_view SET amount_fen = ?, written_off_fen = written_off_fen - ?, "
                + "status = coalesce(?, " + STATUS_AFTER_ADJUSTMENT + "), updated_at = ?, last_sequence = ? "
                + "WHERE case_id = ? AND last_sequence < ?", event.amountFen(), event.writeOffReleasedFen(),
                event.status() == null ? null : event.status().name(), event.amountFen(), when, sequence,
                event.caseId(), sequence) != 1) {
            return;
        }
        for (OverpaidMonth removed : event.removed()) {
            jdbc.update("DELETE FROM overpayment_month_view WHERE case_id = ? AND batch_id = ?", event.caseId(),
                    removed.batchId());
        }
        for (OverpaidMonth added : event.added()) {
            addMonth(event.caseId(), added);
        }
        sql.flushPending();
        jdbc.update("""
                UPDATE overpayment_view v SET month_count = m.months, first_month = m.first, last_month = m.last
                FROM (SELECT count(*) AS months, min(period) AS first, max(period) AS last
                      FROM overpayment_month_view WHERE case_id = ?) m
                WHERE v.case_id = ?""", event.caseId(), event.caseId());
        history(event.caseId(), sequence, "ADJUSTED", event.amountFen(), "+" + months(event.added()) + " −"
                + months(event.removed()) + ": " + event.reason() + released(event.writeOffReleasedFen()), at, actor,
                role, message);
    }

    @EventHandler
    void on(OverpaymentCancelled event, EventMessage<?> message, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at, @MetaDataValue(AuditMetadata.ACTOR) String actor,
            @MetaDataValue(AuditMetadata.ROLE) String role) {
        sql.flushPending();
        Timestamp when = Timestamp.from(at);
        if (jdbc.update("UPDATE overpayment_view SET status = 'CANCELLED', written_off_fen = written_off_fen - ?, "
                + "deduction_cap_fen = NULL, deduction_share = NULL, updated_at = ?, last_sequence = ? "
                + "WHERE case_id = ? AND last_sequence < ?", event.writeOffReleasedFen(), when, sequence,
                event.caseId(), sequence) == 1) {
            history(event.caseId(), sequence, "CANCELLED", 0L, clip(event.reason()
                    + released(event.writeOffReleasedFen())), at, actor, role, message);
        }
    }

    @EventHandler
    void on(RepaymentRecorded event, EventMessage<?> message, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at, @MetaDataValue(AuditMetadata.ACTOR) String actor,
            @MetaDataValue(AuditMetadata.ROLE) String role) {
        if (advance(event.caseId(), sequence, at, "recovered_fen = ?, status = ?", event.recoveredFen(),
                event.status().name())) {
            history(event.caseId(), sequence, "REPAID", event.amountFen(), clip(event.method() + " on "
                    + event.receivedOn() + (event.reference() == null ? "" : " (" + event.reference() + ")")), at, actor,
                    role, message);
        }
    }

    @EventHandler
    void on(RepaymentReversed event, EventMessage<?> message, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at, @MetaDataValue(AuditMetadata.ACTOR) String actor,
            @MetaDataValue(AuditMetadata.ROLE) String role) {
        if (advance(event.caseId(), sequence, at, "recovered_fen = ?, status = ?", event.recoveredFen(),
                event.status().name())) {
            history(event.caseId(), sequence, "REPAYMENT_REVERSED", event.amountFen(),
                    clip(event.repaymentId() + ": " + event.reason()), at, actor, role, message);
        }
    }

    @EventHandler
    void on(RefundRecorded event, EventMessage<?> message, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at, @MetaDataValue(AuditMetadata.ACTOR) String actor,
            @MetaDataValue(AuditMetadata.ROLE) String role) {
        if (advance(event.caseId(), sequence, at, "recovered_fen = ?, status = ?", event.recoveredFen(),
                event.status().name())) {
            history(event.caseId(), sequence, "REFUNDED", event.amountFen(), clip("paid back on "
                    + event.paidOn() + (event.reference() == null ? "" : " (" + event.reference() + ")")), at, actor,
                    role, message);
        }
    }

    @EventHandler
    void on(DeductionArranged event, EventMessage<?> message, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at, @MetaDataValue(AuditMetadata.ACTOR) String actor,
            @MetaDataValue(AuditMetadata.ROLE) String role) {
        if (advance(event.caseId(), sequence, at, "deduction_cap_fen = ?, deduction_share = ?", event.capFen(),
                event.share())) {
            history(event.caseId(), sequence, "DEDUCTION_ARRANGED", event.capFen(), "at most "
                    + event.share() + " of the standard " + org.subsidyledger.projections.support.Amounts.yuan(
                    event.standardFen()) + " per payment" + (event.recipientAgreed() ? ", agreed by the recipient "
                    + "(本人同意)" : ""), at, actor, role, message);
        }
    }

    @EventHandler
    void on(DeductionEnded event, EventMessage<?> message, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at, @MetaDataValue(AuditMetadata.ACTOR) String actor,
            @MetaDataValue(AuditMetadata.ROLE) String role) {
        if (advance(event.caseId(), sequence, at, "deduction_cap_fen = NULL, deduction_share = NULL")) {
            history(event.caseId(), sequence, "DEDUCTION_ENDED", 0L, clip(event.reason()), at, actor, role, message);
        }
    }

    @EventHandler
    void on(WriteOffProposed event, EventMessage<?> message, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at, @MetaDataValue(AuditMetadata.ACTOR) String actor,
            @MetaDataValue(AuditMetadata.ROLE) String role) {
        if (advance(event.caseId(), sequence, at, "status = status")) {
            history(event.caseId(), sequence, "WRITE_OFF_PROPOSED", event.amountFen(), event.writeOffId() + ": "
                    + (WriteOffProposed.WAIVER.equals(event.reasonCode()) ? "减免 WAIVER: " : "") + event.reason(),
                    at, actor, role, message);
        }
    }

    @EventHandler
    void on(WriteOffApproved event, EventMessage<?> message, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at, @MetaDataValue(AuditMetadata.ACTOR) String actor,
            @MetaDataValue(AuditMetadata.ROLE) String role) {
        if (advance(event.caseId(), sequence, at, "written_off_fen = ?, status = ?", event.writtenOffFen(),
                event.status().name())) {
            history(event.caseId(), sequence, "WRITE_OFF_APPROVED", event.amountFen(),
                    clip(event.writeOffId() + (event.comment() == null ? "" : ": " + event.comment())), at, actor,
                    role, message);
        }
    }

    @EventHandler
    void on(WriteOffRejected event, EventMessage<?> message, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at, @MetaDataValue(AuditMetadata.ACTOR) String actor,
            @MetaDataValue(AuditMetadata.ROLE) String role) {
        if (advance(event.caseId(), sequence, at, "status = status")) {
            history(event.caseId(), sequence, "WRITE_OFF_REJECTED", 0L,
                    clip(event.writeOffId() + ": " + event.comment()), at, actor, role, message);
        }
    }

    @EventHandler
    void on(CancellationProposed event, EventMessage<?> message, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at, @MetaDataValue(AuditMetadata.ACTOR) String actor,
            @MetaDataValue(AuditMetadata.ROLE) String role) {
        if (advance(event.caseId(), sequence, at, "status = status")) {
            history(event.caseId(), sequence, "CANCEL_PROPOSED", 0L,
                    clip(event.cancellationId() + ": " + event.reason()), at, actor, role, message);
        }
    }

    @EventHandler
    void on(CancellationApproved event, EventMessage<?> message, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at, @MetaDataValue(AuditMetadata.ACTOR) String actor,
            @MetaDataValue(AuditMetadata.ROLE) String role) {
        if (advance(event.caseId(), sequence, at, "status = status")) {
            history(event.caseId(), sequence, "CANCEL_APPROVED", 0L, clip(event.cancellationId()
                    + (event.comment() == null ? "" : ": " + event.comment())), at, actor, role, message);
        }
    }

    @EventHandler
    void on(CancellationRejected event, EventMessage<?> message, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at, @MetaDataValue(AuditMetadata.ACTOR) String actor,
            @MetaDataValue(AuditMetadata.ROLE) String role) {
        if (advance(event.caseId(), sequence, at, "status = status")) {
            history(event.caseId(), sequence, "CANCEL_REJECTED", 0L,
                    clip(event.cancellationId() + ": " + event.comment()), at, actor, role, message);
        }
    }

    // The recovery procedure (rule 14): its state on the case's row, its steps in the history

    @EventHandler
    void on(RecoveryNoticeGenerated event, EventMessage<?> message, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at, @MetaDataValue(AuditMetadata.ACTOR) String actor,
            @MetaDataValue(AuditMetadata.ROLE) String role) {
        if (advance(event.caseId(), sequence, at, "notice_count = notice_count + 1, last_notice_on = ?",
                Date.valueOf(event.generatedOn()))) {
            history(event.caseId(), sequence, "NOTICE_GENERATED", event.outstandingFen(), event.noticeId()
                    + ": dated " + event.generatedOn() + ", " + event.months().size() + " payments", at, actor, role,
                    message);
        }
    }

    /** The case's first delivery fixes its clocks; later ones are only in the history. */
    @EventHandler
    void on(RecoveryNoticeDelivered event, EventMessage<?> message, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at, @MetaDataValue(AuditMetadata.ACTOR) String actor,
            @MetaDataValue(AuditMetadata.ROLE) String role) {
        sql.flushPending();
        boolean first = jdbc.queryForList("SELECT 1 FROM overpayment_view WHERE case_id = ? AND notice_delivered_on "
                + "IS NULL", Integer.class, event.caseId()).size() == 1;
        if (advance(event.caseId(), sequence, at, "notice_delivered_on = coalesce(notice_delivered_on, ?), "
                        + "delivery_method = coalesce(delivery_method, ?), deductions_from = coalesce(deductions_from, ?), "
                        + "appeal_deadline = coalesce(appeal_deadline, ?)", Date.valueOf(event.deliveredOn()),
                event.method().name(), Date.valueOf(event.deductionsFrom()), Date.valueOf(event.appealDeadline()))) {
            history(event.caseId(), sequence, "NOTICE_DELIVERED", 0L, event.noticeId() + ": " + event.method()
                    + " on " + event.deliveredOn() + (first ? "; deductions from " + event.deductionsFrom()
                    + ", appeal until " + event.appealDeadline() : ""), at, actor, role, message);
        }
    }

    @EventHandler
    void on(RecoveryContactRecorded event, EventMessage<?> message, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at, @MetaDataValue(AuditMetadata.ACTOR) String actor,
            @MetaDataValue(AuditMetadata.ROLE) String role) {
        if (advance(event.caseId(), sequence, at, "last_contact_on = greatest(last_contact_on, ?)",
                Date.valueOf(event.on()))) {
            history(event.caseId(), sequence, "CONTACT_RECORDED", 0L, event.contactId() + ": " + event.method()
                    + " on " + event.on() + ": " + event.outcome(), at, actor, role, message);
        }
    }

    /** A new agreement replaces the one before. */
    @EventHandler
    void on(InstalmentsAgreed event, EventMessage<?> message, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at, @MetaDataValue(AuditMetadata.ACTOR) String actor,
            @MetaDataValue(AuditMetadata.ROLE) String role) {
        if (advance(event.caseId(), sequence, at, "instalment_fen = ?, instalments_from = ?, "
                        + "instalments_total_fen = ?, instalments_recovered_fen = ?, instalments_agreed_on = ?",
                event.amountPerMonthFen(), Date.valueOf(event.firstMonth().atDay(1)), event.totalFen(),
                event.recoveredFen(), Date.valueOf(event.agreedOn()))) {
            history(event.caseId(), sequence, "INSTALMENTS_AGREED", event.totalFen(), event.agreementId() + ": "
                    + org.subsidyledger.projections.support.Amounts.yuan(event.amountPerMonthFen())
                    + " a month from " + event.firstMonth() + ", agreed on " + event.agreedOn(), at, actor, role,
                    message);
        }
    }

    @EventHandler
    void on(AppealFiled event, EventMessage<?> message, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at, @MetaDataValue(AuditMetadata.ACTOR) String actor,
            @MetaDataValue(AuditMetadata.ROLE) String role) {
        if (advance(event.caseId(), sequence, at, "open_appeal_id = ?, appeal_filed_on = ?", event.appealId(),
                Date.valueOf(event.filedOn()))) {
            history(event.caseId(), sequence, "APPEAL_FILED", 0L, event.appealId() + ": filed on " + event.filedOn()
                    + (event.withinDeadline() ? "" : " (after the deadline)") + ": " + event.reason(), at, actor,
                    role, message);
        }
    }

    /** An upheld appeal's correction follows as its own event ({@code OverpaymentAdjusted} or cancellation). */
    @EventHandler
    void on(AppealDecided event, EventMessage<?> message, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at, @MetaDataValue(AuditMetadata.ACTOR) String actor,
            @MetaDataValue(AuditMetadata.ROLE) String role) {
        if (advance(event.caseId(), sequence, at, "open_appeal_id = NULL, appeal_filed_on = NULL")) {
            history(event.caseId(), sequence, "APPEAL_DECIDED", 0L, event.appealId() + ": " + event.decision()
                    + " on " + event.decidedOn() + (event.removedMonths().isEmpty() ? "" : " "
                    + event.removedMonths()) + ": " + event.comment(), at, actor, role, message);
        }
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE overpayment_view, overpayment_month_view, overpayment_change_view");
    }

    /**
     * {@code CaseStatus.of} in SQL for adjustments recorded before the event carried the status (and before
     * write-offs existed): its one parameter is the case's new amount.
     */
    private static final String STATUS_AFTER_ADJUSTMENT = """
            CASE WHEN status = 'CANCELLED' THEN 'CANCELLED'
                 WHEN ? - recovered_fen - written_off_fen <= 0
                      THEN CASE WHEN written_off_fen > 0 THEN 'WRITTEN_OFF' ELSE 'RECOVERED' END
                 WHEN recovered_fen + written_off_fen > 0 THEN 'PARTIAL'
                 ELSE 'OPEN' END""";

    /** Applies {@code assignments} to the case if this event is newer than the last one applied. */
    private boolean advance(String caseId, long sequence, Instant at, String assignments, Object... values) {
        sql.flushPending(); // the case may have been queued in this same processor batch
        Object[] args = new Object[values.length + 4];
        System.arraycopy(values, 0, args, 0, values.length);
        args[values.length] = Timestamp.from(at);
        args[values.length + 1] = sequence;
        args[values.length + 2] = caseId;
        args[values.length + 3] = sequence;
        return jdbc.update("UPDATE overpayment_view SET " + assignments + ", updated_at = ?, last_sequence = ? "
                + "WHERE case_id = ? AND last_sequence < ?", args) == 1;
    }

    /**
     * A history row, with the case's amounts and status right after the change, for indicators as of a past moment:
     * read from the case's row, so it runs at once, after the handler updated that row (statements queued in
     * {@link BatchedSql} are sent grouped by statement, not in handler order). Its last parameter is the case id
     * again.
     */
    private static final String CHANGE = """
            INSERT INTO overpayment_change_view (case_id, sequence, change, amount_fen, detail, recorded_at,
                                                 recorded_by, role, event_id, amount_after, recovered_after,
                                                 written_off_after, status_after)
            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, v.amount_fen, v.recovered_fen, v.written_off_fen, v.status
            FROM overpayment_view v WHERE v.case_id = ?
            ON CONFLICT (case_id, sequence) DO NOTHING""";

    /** Writes the history row of a change, at once (see {@link #CHANGE}). */
    private void history(String caseId, long sequence, String change, long amountFen, String detail, Instant at,
                         String actor, String role, EventMessage<?> message) {
        jdbc.update(CHANGE, caseId, sequence, change, amountFen, clip(detail), Timestamp.from(at), actor, role,
                message.getIdentifier(), caseId);
    }

    /** The history row of a new case: its amounts after are the event's (the case row may still be queued). */
    private static final String CHANGE_IDENTIFIED = """
            INSERT INTO overpayment_change_view (case_id, sequence, change, amount_fen, detail, recorded_at,
                                                 recorded_by, role, event_id, amount_after, recovered_after,
                                                 written_off_after, status_after)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 'OPEN')
            ON CONFLICT (case_id, sequence) DO NOTHING""";

    private void addMonth(String caseId, OverpaidMonth month) {
        sql.add("""
                        INSERT INTO overpayment_month_view (case_id, batch_id, period, line, amount_fen,
                                                            payment_event_id)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (case_id, batch_id) DO NOTHING""", caseId, month.batchId(),
                Date.valueOf(month.period().atDay(1)), month.line(), month.amountFen(), month.paymentEventId());
    }

    private static String released(long writeOffReleasedFen) {
        return writeOffReleasedFen == 0 ? "" : "; write-off of "
                + org.subsidyledger.projections.support.Amounts.yuan(writeOffReleasedFen) + " released";
    }

    private static String months(List<OverpaidMonth> months) {
        return months.stream().map(m -> m.period().toString()).sorted().toList().toString();
    }

    private static String clip(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
