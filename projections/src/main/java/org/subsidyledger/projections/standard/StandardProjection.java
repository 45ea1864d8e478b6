package org.subsidyledger.projections.standard;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.AuditMetadata;
import org.subsidyledger.contract.standard.ArrearsRecorded;
import org.subsidyledger.contract.standard.StandardChanged;

/**
 * Builds {@code standard_change_view} (every standard change, when and by whom), {@code arrear_part_view} (what the
 * arrears of a part share) and {@code arrear_view} (every arrear as recorded) from their events. A part of arrears is
 * one {@code COPY}; a replay empties all three. No handler depends on another event's rows, so the group's events are
 * spread over its segments one by one ({@link StandardViewSequencing}): a program-wide 调标's 1,800 parts are
 * projected by both threads, not by the one its change's stream hashes to.
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

    /**
     * A part of arrears: its row in {@code arrear_part_view} (keyed by the event's position in the event store, so a
     * part handled twice is skipped), then its arrears in one {@code COPY}, on the connection of the processor's
     * transaction (the one that moves its token): a part is written once, or rolled back with the token.
     */
    @EventHandler
    void on(ArrearsRecorded event, EventMessage<?> message, @Timestamp Instant recordedAt,
            @MetaDataValue(AuditMetadata.ACTOR) String actor, TrackingToken token) {
        long partId = token.position().orElseThrow(() -> new IllegalStateException(
                "arrears of " + event.sourceId() + " part " + event.part() + " arrived without a position"));
        int inserted = jdbc.update("""
                        INSERT INTO arrear_part_view (part_id, source_id, program_code, cause, cause_ref, recorded_at,
                                                      recorded_by, event_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""", partId, event.sourceId(), event.programCode(), event.cause(),
                event.causeRef(), java.sql.Timestamp.from(recordedAt), actor, message.getIdentifier());
        if (inserted == 0) {
            return;
        }
        String prefix = partId + "\t" + event.programCode() + '\t';
        String suffix = "\t" + recordedAt + '\n';
        StringBuilder rows = new StringBuilder(event.arrears().size() * 100);
        for (ArrearsRecorded.Arrear arrear : event.arrears()) {
            rows.append(prefix).append(arrear.recipientId()).append('\t').append(arrear.month()).append("-01\t")
                    .append(arrear.dueFen()).append('\t').append(arrear.paidFen()).append('\t')
                    .append(arrear.differenceFen()).append(suffix);
        }
        Connection connection = DataSourceUtils.getConnection(jdbc.getDataSource());
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                    COPY arrear_view (part_id, program_code, recipient_id, month, due_fen, paid_fen, difference_fen,
                                      recorded_at) FROM STDIN""", new StringReader(rows.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("arrears of " + event.sourceId() + " part " + event.part()
                    + " could not be projected", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, jdbc.getDataSource());
        }
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE standard_change_view, arrear_part_view, arrear_view");
    }
}
