package org.subsidyledger.projections.verification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.AuditMetadata;
import org.subsidyledger.contract.verification.FactSuspected;
import org.subsidyledger.contract.verification.SuspectedFactConfirmed;
import org.subsidyledger.contract.verification.SuspectedFactDismissed;
import org.subsidyledger.contract.verification.VerificationComparisonRecorded;

/**
 * Builds {@code suspected_fact_view} (each suspected fact, when raised and when and how settled) and
 * {@code verification_comparison_view} from their events; keyed upserts, so a replay gives the same rows. The
 * suspected facts of a batch of events are inserted together when it commits.
 */
@Component
@ProcessingGroup(SuspectedFactProjection.GROUP)
class SuspectedFactProjection {

    static final String GROUP = "verification-view";

    /** The rows a comparison did not suspect, kept as JSON as the event holds them. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    SuspectedFactProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A suspected fact: kept in the batch's unit of work and inserted with the batch's others when it commits (a
     * 100k-row comparison is 100k events; one statement each took 100 s), before any update of the batch.
     */
    @EventHandler
    void on(FactSuspected event, EventMessage<?> message, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        pending().add(new Object[]{event.suspectId(), event.comparisonId(), event.line(), event.recipientId(),
                event.region(), event.kind().name(), Date.valueOf(event.from()),
                event.to() == null ? null : Date.valueOf(event.to()), event.programCode(), event.otherScheme(),
                event.source(), Timestamp.from(at), actor, message.getIdentifier()});
    }

    private static final String PENDING = SuspectedFactProjection.class.getName() + ".pending";

    private List<Object[]> pending() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(PENDING, key -> {
            List<Object[]> rows = new ArrayList<>();
            root.onPrepareCommit(unitOfWork -> insert(rows));
            return rows;
        });
    }

    /** Inserts the suspected facts the batch has met so far: before an update, and when the batch commits. */
    private void insertPending() {
        if (CurrentUnitOfWork.isStarted()) {
            List<Object[]> rows = CurrentUnitOfWork.get().root().getResource(PENDING);
            if (rows != null) {
                insert(rows);
            }
        }
    }

    private void insert(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                INSERT INTO suspected_fact_view (suspect_id, comparison_id, line, recipient_id, region, kind,
                                                 from_date, to_date, program_code, other_scheme, source,
                                                 raised_at, raised_by, raise_event_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (suspect_id) DO NOTHING""", rows);
        rows.clear();
    }

    @EventHandler
    void on(SuspectedFactConfirmed event, EventMessage<?> message,
            @org.axonframework.eventhandling.Timestamp Instant at, @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        insertPending();
        jdbc.update("""
                        UPDATE suspected_fact_view SET outcome = 'CONFIRMED', settled_at = ?, settled_by = ?,
                               fact_id = ?, found_on = ?, evidence = ?, settle_event_id = ?
                        WHERE suspect_id = ?""", Timestamp.from(at), actor, event.factId(),
                event.foundOn() == null ? null : Date.valueOf(event.foundOn()), event.evidence(),
                message.getIdentifier(), event.suspectId());
    }

    @EventHandler
    void on(SuspectedFactDismissed event, EventMessage<?> message,
            @org.axonframework.eventhandling.Timestamp Instant at, @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        insertPending();
        jdbc.update("""
                        UPDATE suspected_fact_view SET outcome = 'DISMISSED', settled_at = ?, settled_by = ?,
                               reason = ?, settle_event_id = ?
                        WHERE suspect_id = ?""", Timestamp.from(at), actor, event.reason(), message.getIdentifier(),
                event.suspectId());
    }

    @EventHandler
    void on(VerificationComparisonRecorded event, EventMessage<?> message,
            @org.axonframework.eventhandling.Timestamp Instant at, @MetaDataValue(AuditMetadata.ACTOR) String actor)
            throws JsonProcessingException {
        jdbc.update("""
                        INSERT INTO verification_comparison_view (comparison_id, kind, file_name, program_code, rows,
                                                                  suspected, not_suspected, recorded_at, recorded_by,
                                                                  event_id)
                        VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?)
                        ON CONFLICT (comparison_id) DO NOTHING""", event.comparisonId(), event.kind().name(),
                event.fileName(), event.programCode(), event.rows(), event.suspected(),
                JSON.writeValueAsString(event.notSuspected()), Timestamp.from(at), actor, message.getIdentifier());
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE suspected_fact_view, verification_comparison_view");
    }
}
