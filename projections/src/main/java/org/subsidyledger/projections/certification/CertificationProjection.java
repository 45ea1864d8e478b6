package org.subsidyledger.projections.certification;

import java.sql.Date;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.AuditMetadata;
import org.subsidyledger.contract.certification.CertificationRecorded;
import org.subsidyledger.projections.support.BatchedSql;

/**
 * Builds {@code certification_view}: one row per certification, never changed (a certification is never corrected),
 * so each write is an insert keyed by the certification and a replay from zero gives the same rows.
 */
@Component
@ProcessingGroup(CertificationProjection.GROUP)
public class CertificationProjection {

    public static final String GROUP = "certification-view";

    private final JdbcTemplate jdbc;
    private final BatchedSql sql;

    public CertificationProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.sql = new BatchedSql(jdbc);
    }

    @EventHandler
    void on(CertificationRecorded event, EventMessage<?> message, @Timestamp Instant at,
            @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        sql.add("""
                        INSERT INTO certification_view (certification_id, recipient_id, program_code, certified_on,
                                                        method, reference, file_id, file_line, released_months,
                                                        recorded_at, recorded_by, event_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (certification_id) DO NOTHING""", event.certificationId(), event.recipientId(),
                event.programCode(), Date.valueOf(event.certifiedOn()), event.method().name(), event.reference(),
                event.fileId(), event.fileLine(), event.released().stream().mapToInt(r -> r.months().size()).sum(),
                java.sql.Timestamp.from(at), actor, message.getIdentifier());
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE certification_view");
    }
}
