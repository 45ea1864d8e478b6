package org.subsidyledger.projections.standard;

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
import org.subsidyledger.contract.standard.ArrearsRecorded;
import org.subsidyledger.contract.standard.StandardChanged;

/**
 * Builds {@code standard_change_view} (every standard change, when and by whom) and {@code arrear_view} (every arrear
 * as recorded) from their events. A part of arrears is one batch of inserts; a replay empties both.
 */
@Component
@ProcessingGroup(StandardProjection.GROUP)
public class StandardProjection {

    public static final String GROUP = "standard-view";

    private final JdbcTemplate jdbc;

    public StandardProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(StandardChanged event, EventMessage<?> message, @Timestamp Instant recordedAt,
            @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        jdbc.update("""
                        INSERT INTO standard_change_view (change_id, program_code, recipient_id, from_month,
                                                          standard_fen, reason, recorded_at, recorded_by, event_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (change_id) DO NOTHING""", event.changeId(), event.programCode(),
                event.recipientId(), Date.valueOf(event.from().atDay(1)), event.monthlyStandardFen(), event.reason(),
                java.sql.Timestamp.from(recordedAt), actor, message.getIdentifier());
    }

    @EventHandler
    void on(ArrearsRecorded event, EventMessage<?> message, @Timestamp Instant recordedAt,
            @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        java.sql.Timestamp at = java.sql.Timestamp.from(recordedAt);
        jdbc.batchUpdate("""
                        INSERT INTO arrear_view (source_id, program_code, recipient_id, month, due_fen, paid_fen,
                                                 difference_fen, cause, cause_ref, recorded_at, recorded_by, event_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (source_id, recipient_id, month) DO NOTHING""", event.arrears(), 1_000,
                (ps, arrear) -> {
                    ps.setString(1, event.sourceId());
                    ps.setString(2, event.programCode());
                    ps.setString(3, arrear.recipientId());
                    ps.setDate(4, Date.valueOf(arrear.month().atDay(1)));
                    ps.setLong(5, arrear.dueFen());
                    ps.setLong(6, arrear.paidFen());
                    ps.setLong(7, arrear.differenceFen());
                    ps.setString(8, event.cause());
                    ps.setString(9, event.causeRef());
                    ps.setTimestamp(10, at);
                    ps.setString(11, actor);
                    ps.setString(12, message.getIdentifier());
                });
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE standard_change_view, arrear_view");
    }
}
