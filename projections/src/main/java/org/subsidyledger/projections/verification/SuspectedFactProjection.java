package org.subsidyledger.projections.verification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.AuditMetadata;
import org.subsidyledger.contract.verification.FactSuspected;
import org.subsidyledger.contract.verification.SuspectedFactConfirmed;
import org.subsidyledger.contract.verification.SuspectedFactDismissed;
import org.subsidyledger.contract.verification.VerificationComparisonRecorded;

/**
 * Builds {@code suspected_fact_view} (each suspected fact, when raised and when and how settled) and
 * {@code verification_comparison_view} from their events; keyed upserts, so a replay gives the same rows.
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

    @EventHandler
    void on(FactSuspected event, EventMessage<?> message, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        jdbc.update("""
                        INSERT INTO suspected_fact_view (suspect_id, comparison_id, line, recipient_id, region, kind,
                                                         from_date, to_date, program_code, other_scheme, source,
                                                         raised_at, raised_by, raise_event_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (suspect_id) DO NOTHING""", event.suspectId(), event.comparisonId(),
                event.line(), event.recipientId(), event.region(), event.kind().name(), Date.valueOf(event.from()),
                event.to() == null ? null : Date.valueOf(event.to()), event.programCode(), event.otherScheme(),
                event.source(), Timestamp.from(at), actor, message.getIdentifier());
    }

    @EventHandler
    void on(SuspectedFactConfirmed event, EventMessage<?> message,
            @org.axonframework.eventhandling.Timestamp Instant at, @MetaDataValue(AuditMetadata.ACTOR) String actor) {
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
