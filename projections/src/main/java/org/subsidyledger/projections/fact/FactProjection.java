package org.subsidyledger.projections.fact;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
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
import org.subsidyledger.contract.fact.DeathComparisonRecorded;
import org.subsidyledger.contract.fact.DeathRecorded;
import org.subsidyledger.contract.fact.DuplicateClaimRecorded;
import org.subsidyledger.contract.fact.EnrolmentEndRecorded;
import org.subsidyledger.contract.fact.FactChangeApproved;
import org.subsidyledger.contract.fact.FactChangeProposed;
import org.subsidyledger.contract.fact.FactChangeRejected;
import org.subsidyledger.contract.fact.FactCorrected;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.contract.fact.FactRetracted;
import org.subsidyledger.contract.fact.SuspensionEnded;
import org.subsidyledger.contract.fact.SuspensionRecorded;
import org.subsidyledger.projections.support.BatchedSql;

/**
 * Builds {@code life_fact_view} (every fact with its current span and state), {@code life_fact_change_view} (its
 * ends, corrections and retraction) and the death comparison reports. A fact's events are one aggregate, in order
 * in one segment; changes are guarded by the event's sequence number.
 */
@Component
@ProcessingGroup(FactProjection.GROUP)
public class FactProjection {

    public static final String GROUP = "fact-view";

    private static final String INSERT = """
            INSERT INTO life_fact_view (fact_id, recipient_id, kind, program_code, from_date, to_date, detail, source,
                                        state, comparison_id, comparison_line, recorded_at, recorded_by, event_id,
                                        last_sequence)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?, ?, ?)
            ON CONFLICT (fact_id) DO NOTHING""";

    private final JdbcTemplate jdbc;
    private final BatchedSql sql;

    public FactProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.sql = new BatchedSql(jdbc);
    }

    @EventHandler
    void on(DeathRecorded event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        sql.add(INSERT, event.factId(), event.recipientId(), FactKind.DEATH.name(), null,
                Date.valueOf(event.dateOfDeath()), null, null, event.source(), event.comparisonId(),
                event.comparisonLine(), java.sql.Timestamp.from(at), actor, message.getIdentifier(), sequence);
    }

    @EventHandler
    void on(SuspensionRecorded event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        sql.add(INSERT, event.factId(), event.recipientId(), FactKind.SUSPENSION.name(), null,
                Date.valueOf(event.from()), date(event.to()), event.kind().name(), event.source(), null, null,
                java.sql.Timestamp.from(at), actor, message.getIdentifier(), sequence);
    }

    @EventHandler
    void on(DuplicateClaimRecorded event, EventMessage<?> message, @SequenceNumber long sequence,
            @Timestamp Instant at, @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        sql.add(INSERT, event.factId(), event.recipientId(), FactKind.DUPLICATE_CLAIM.name(), event.programCode(),
                Date.valueOf(event.from().atDay(1)), Date.valueOf(event.to().atDay(1)), event.otherScheme(), null,
                null, null, java.sql.Timestamp.from(at), actor, message.getIdentifier(), sequence);
    }

    @EventHandler
    void on(EnrolmentEndRecorded event, EventMessage<?> message, @SequenceNumber long sequence,
            @Timestamp Instant at, @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        sql.add(INSERT, event.factId(), event.recipientId(), FactKind.ENROLMENT_END.name(), event.programCode(),
                Date.valueOf(event.lastDueMonth().atDay(1)), null, event.reason(), null, null, null,
                java.sql.Timestamp.from(at), actor, message.getIdentifier(), sequence);
    }

    @EventHandler
    void on(SuspensionEnded event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        if (advance(event.factId(), sequence, "to_date = ?", date(event.endedOn()))) {
            change(event.factId(), sequence, "ENDED", null, event.endedOn(), null, null,
                    "released (" + event.source() + ")", at, actor, message);
        }
    }

    @EventHandler
    void on(FactCorrected event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        if (advance(event.factId(), sequence, "from_date = ?, to_date = ?", date(event.from()), date(event.to()))) {
            change(event.factId(), sequence, "CORRECTED", event.from(), event.to(), event.previousFrom(),
                    event.previousTo(), event.reason(), at, actor, message);
        }
    }

    @EventHandler
    void on(FactRetracted event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        if (advance(event.factId(), sequence, "state = ?", "RETRACTED")) {
            change(event.factId(), sequence, "RETRACTED", null, null, null, null, event.reason(), at, actor,
                    message);
        }
    }

    /** A retraction or correction waiting for a second person: in the history, the fact unchanged. */
    @EventHandler
    void on(FactChangeProposed event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        if (advance(event.factId(), sequence, "state = state")) {
            change(event.factId(), sequence, "PROPOSED", event.from(), event.to(), null, null,
                    event.change() + " " + event.changeId() + ": " + event.reason(), at, actor, message);
        }
    }

    @EventHandler
    void on(FactChangeApproved event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        if (advance(event.factId(), sequence, "state = state")) {
            change(event.factId(), sequence, "APPROVED", null, null, null, null, event.changeId()
                    + (event.comment() == null ? "" : ": " + event.comment()), at, actor, message);
        }
    }

    @EventHandler
    void on(FactChangeRejected event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        if (advance(event.factId(), sequence, "state = state")) {
            change(event.factId(), sequence, "REJECTED", null, null, null, null,
                    event.changeId() + ": " + event.comment(), at, actor, message);
        }
    }

    @EventHandler
    void on(DeathComparisonRecorded event, EventMessage<?> message, @Timestamp Instant at,
            @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        jdbc.update("""
                        INSERT INTO death_comparison_view (comparison_id, source, file_sha256, rows, recorded,
                                                           already_known, not_recorded, recorded_at, recorded_by,
                                                           event_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (comparison_id) DO NOTHING""", event.comparisonId(), event.source(),
                event.fileSha256(), event.rows(), event.recorded(), event.alreadyKnown(), event.notRecorded().size(),
                java.sql.Timestamp.from(at), actor, message.getIdentifier());
        for (DeathComparisonRecorded.Row row : event.notRecorded()) {
            sql.add("""
                            INSERT INTO death_comparison_row_view (comparison_id, line, recipient_id, name,
                                                                   date_of_death, source, code, message)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT (comparison_id, line) DO NOTHING""", event.comparisonId(), row.line(),
                    clip(row.recipientId(), 40), clip(row.name(), 200), clip(row.dateOfDeath(), 40),
                    clip(row.source(), 200), row.code(), clip(row.message(), 500));
        }
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE life_fact_view, life_fact_change_view, death_comparison_view, "
                + "death_comparison_row_view");
    }

    /** Applies {@code assignments} to the fact if this event is newer than the last one applied. */
    private boolean advance(String factId, long sequence, String assignments, Object... values) {
        sql.flushPending(); // the fact may have been queued in this same processor batch
        Object[] args = new Object[values.length + 3];
        System.arraycopy(values, 0, args, 0, values.length);
        args[values.length] = sequence;
        args[values.length + 1] = factId;
        args[values.length + 2] = sequence;
        return jdbc.update("UPDATE life_fact_view SET " + assignments + ", last_sequence = ? "
                + "WHERE fact_id = ? AND last_sequence < ?", args) == 1;
    }

    private void change(String factId, long sequence, String change, LocalDate from, LocalDate to,
                        LocalDate previousFrom, LocalDate previousTo, String reason, Instant at, String actor,
                        EventMessage<?> message) {
        jdbc.update("""
                        INSERT INTO life_fact_change_view (fact_id, sequence, change, from_date, to_date,
                                                           previous_from, previous_to, reason, recorded_at,
                                                           recorded_by, event_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (fact_id, sequence) DO NOTHING""", factId, sequence, change, date(from),
                date(to), date(previousFrom), date(previousTo), clip(reason, 500), java.sql.Timestamp.from(at), actor,
                message.getIdentifier());
    }

    private static Date date(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
