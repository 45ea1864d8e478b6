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
 * as recorded) from their events. A part of arrears is one {@code COPY}; a replay empties both.
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
     * One {@code COPY} per part of 1,000 arrears, on the connection of the processor's transaction (the one that moves
     * its token): a part is written once, or rolled back with the token.
     */
    @EventHandler
    void on(ArrearsRecorded event, EventMessage<?> message, @Timestamp Instant recordedAt,
            @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        String prefix = event.sourceId() + '\t' + event.programCode() + '\t';
        String suffix = '\t' + event.cause() + '\t' + event.causeRef() + '\t' + recordedAt + '\t' + actor + '\t'
                + message.getIdentifier() + '\n';
        StringBuilder rows = new StringBuilder(event.arrears().size() * 200);
        for (ArrearsRecorded.Arrear arrear : event.arrears()) {
            rows.append(prefix).append(arrear.recipientId()).append('\t').append(arrear.month()).append("-01\t")
                    .append(arrear.dueFen()).append('\t').append(arrear.paidFen()).append('\t')
                    .append(arrear.differenceFen()).append(suffix);
        }
        java.sql.Connection connection = org.springframework.jdbc.datasource.DataSourceUtils.getConnection(
                jdbc.getDataSource());
        try {
            connection.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn("""
                    COPY arrear_view (source_id, program_code, recipient_id, month, due_fen, paid_fen, difference_fen,
                                      cause, cause_ref, recorded_at, recorded_by, event_id) FROM STDIN""",
                    new java.io.StringReader(rows.toString()));
        } catch (java.sql.SQLException | java.io.IOException e) {
            throw new IllegalStateException("arrears of " + event.sourceId() + " part " + event.part()
                    + " could not be projected", e);
        } finally {
            org.springframework.jdbc.datasource.DataSourceUtils.releaseConnection(connection, jdbc.getDataSource());
        }
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE standard_change_view, arrear_view");
    }
}
