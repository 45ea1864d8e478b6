package org.subsidyledger.projections.standard;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.AuditMetadata;
import org.subsidyledger.contract.standard.ArrearsRecorded;
import org.subsidyledger.contract.standard.StandardChanged;

/**
 * Builds {@code standard_change_view} (every standard change, when and by whom), {@code arrear_part_view} (what the
 * arrears of a part share) and {@code arrear_view} (every arrear as recorded) from their events. The parts of arrears
 * of a batch of events are two {@code COPY}s when it commits; a replay empties all three. No handler depends on another event's rows, so the group's events are
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

    /** A part of arrears met in the batch, written when the batch commits. */
    private record Part(long partId, ArrearsRecorded event, Instant recordedAt, String actor, String eventId) {
    }

    private static final String PENDING = StandardProjection.class.getName() + ".pending";

    /**
     * A part of arrears: kept in the batch's unit of work and written with the batch's other parts when it commits
     * ({@link #write}). A late-certification file is 100k parts of 12 arrears each: a statement and a {@code COPY}
     * per part took 150 s to project 1.2M arrears; per batch, the parts of a 调标 and of a file cost the same.
     */
    @EventHandler
    void on(ArrearsRecorded event, EventMessage<?> message, @Timestamp Instant recordedAt,
            @MetaDataValue(AuditMetadata.ACTOR) String actor, TrackingToken token) {
        long partId = token.position().orElseThrow(() -> new IllegalStateException(
                "arrears of " + event.sourceId() + " part " + event.part() + " arrived without a position"));
        pending().add(new Part(partId, event, recordedAt, actor, message.getIdentifier()));
    }

    private List<Part> pending() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(PENDING, key -> {
            List<Part> parts = new ArrayList<>();
            root.onPrepareCommit(unitOfWork -> write(parts));
            return parts;
        });
    }

    /**
     * The batch's parts: their rows in {@code arrear_part_view} (keyed by the event's position in the event store, so
     * a part already written — a batch handled again — is skipped) and their arrears, with one {@code COPY} each, on
     * the connection of the processor's transaction (the one that moves its token): a part is written once, or rolled
     * back with the token. Only this segment's worker writes its parts, so the check before the copy is not raced.
     */
    private void write(List<Part> parts) {
        if (parts.isEmpty()) {
            return;
        }
        Set<Long> written = new HashSet<>(jdbc.queryForList(
                "SELECT part_id FROM arrear_part_view WHERE part_id = ANY (?)", Long.class,
                (Object) parts.stream().mapToLong(Part::partId).toArray()));
        StringBuilder partRows = new StringBuilder(parts.size() * 200);
        StringBuilder arrearRows = new StringBuilder();
        Set<Long> seen = new HashSet<>();
        for (Part part : parts) {
            if (written.contains(part.partId()) || !seen.add(part.partId())) {
                continue;
            }
            ArrearsRecorded event = part.event();
            partRows.append(part.partId()).append('\t').append(copyText(event.sourceId())).append('\t')
                    .append(copyText(event.programCode())).append('\t').append(copyText(event.cause())).append('\t')
                    .append(copyText(event.causeRef())).append('\t').append(part.recordedAt()).append('\t')
                    .append(copyText(part.actor())).append('\t').append(copyText(part.eventId())).append('\n');
            String prefix = part.partId() + "\t" + copyText(event.programCode()) + '\t';
            String suffix = "\t" + part.recordedAt() + '\n';
            for (ArrearsRecorded.Arrear arrear : event.arrears()) {
                arrearRows.append(prefix).append(arrear.recipientId()).append('\t').append(arrear.month())
                        .append("-01\t").append(arrear.dueFen()).append('\t').append(arrear.paidFen()).append('\t')
                        .append(arrear.differenceFen()).append(suffix);
            }
        }
        parts.clear();
        if (partRows.isEmpty()) {
            return;
        }
        copy("""
                COPY arrear_part_view (part_id, source_id, program_code, cause, cause_ref, recorded_at, recorded_by,
                                       event_id) FROM STDIN""", partRows);
        copy("""
                COPY arrear_view (part_id, program_code, recipient_id, month, due_fen, paid_fen, difference_fen,
                                  recorded_at) FROM STDIN""", arrearRows);
    }

    private void copy(String statement, CharSequence rows) {
        Connection connection = DataSourceUtils.getConnection(jdbc.getDataSource());
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(statement, new StringReader(rows.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("arrears could not be projected", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, jdbc.getDataSource());
        }
    }

    /** A value in COPY's text format: backslash, tab and line ends escaped; null as {@code \N}. */
    static String copyText(String value) {
        if (value == null) {
            return "\\N";
        }
        StringBuilder text = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
        return text.toString();
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE standard_change_view, arrear_part_view, arrear_view");
    }
}
