package org.subsidyledger.ledger.infrastructure;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends many domain events in one PostgreSQL {@code COPY} into Axon's {@code domain_event_entry}, inside the
 * caller's transaction. The rows are exactly what Axon's JDBC engine writes (same serializer, payload type,
 * revision, metadata and ISO-8601 time stamp), so aggregates load them and streaming processors read them like any
 * other event. What it skips is Axon's event bus: subscribing processors do not see these events, so a caller
 * either appends events no subscribing processor handles (enrolment lists, death comparison reports) or writes what
 * the subscribing handler would have written itself, in the same transaction, with the handler's own code (deaths of
 * a death comparison, new overpayment cases).
 *
 * <p>The unique key on (aggregate_identifier, sequence_number) still guards every row: a clash fails the whole COPY
 * with a {@link DuplicateKeyException}, and the caller's transaction rolls back.
 */
@Component
public class BulkEventAppender {

    private static final String COPY = "COPY domain_event_entry (event_identifier, aggregate_identifier, "
            + "sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data) "
            + "FROM STDIN WITH (FORMAT csv)";
    private static final int BUFFER_CHARS = 1 << 20;
    private static final HexFormat HEX = HexFormat.of();

    private final DataSource dataSource;
    private final Serializer serializer;

    BulkEventAppender(DataSource dataSource, @Qualifier("eventSerializer") Serializer serializer) {
        this.dataSource = dataSource;
        this.serializer = serializer;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(List<? extends DomainEventMessage<?>> events) {
        if (events.isEmpty()) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            EventAppendOrder.acquire(connection);
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
            try {
                CopyWriter writer = new CopyWriter(copy);
                MetaDataCache metaData = new MetaDataCache();
                for (DomainEventMessage<?> event : events) {
                    writeRow(writer, event, metaData);
                }
                writer.finish();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new DuplicateKeyException("an event of these aggregates is already recorded", e);
            }
            throw new IllegalStateException("bulk append of " + events.size() + " events failed", e);
        }
    }

    /** Events of one bulk append usually share one metadata instance: serialise it once. */
    private final class MetaDataCache {
        private MetaData last;
        private String hex;

        String hexOf(DomainEventMessage<?> event) {
            if (event.getMetaData() != last) {
                last = event.getMetaData();
                hex = HEX.formatHex(event.serializeMetaData(serializer, byte[].class).getData());
            }
            return hex;
        }
    }

    private void writeRow(CopyWriter out, DomainEventMessage<?> event, MetaDataCache metaData) throws SQLException {
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        out.field(event.getIdentifier()).comma()
                .field(event.getAggregateIdentifier()).comma()
                .raw(Long.toString(event.getSequenceNumber())).comma()
                .field(event.getType()).comma()
                .field(DateTimeFormatter.ISO_INSTANT.format(event.getTimestamp())).comma()
                .field(payload.getType().getName()).comma();
        if (payload.getType().getRevision() != null) {
            out.field(payload.getType().getRevision());
        }
        out.comma().bytea(payload.getData()).comma().hexBytea(metaData.hexOf(event)).endRow();
    }

    /** Buffers CSV text and hands it to the COPY stream in large chunks. */
    private static final class CopyWriter {
        private final CopyIn copy;
        private final StringBuilder buffer = new StringBuilder(BUFFER_CHARS + 8192);

        CopyWriter(CopyIn copy) {
            this.copy = copy;
        }

        CopyWriter field(String value) {
            buffer.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"') {
                    buffer.append('"');
                }
                buffer.append(c);
            }
            buffer.append('"');
            return this;
        }

        CopyWriter bytea(byte[] bytes) {
            buffer.append("\\x").append(HEX.formatHex(bytes));
            return this;
        }

        CopyWriter hexBytea(String hex) {
            buffer.append("\\x").append(hex);
            return this;
        }

        CopyWriter comma() {
            buffer.append(',');
            return this;
        }

        CopyWriter raw(String text) {
            buffer.append(text);
            return this;
        }

        void endRow() throws SQLException {
            buffer.append('\n');
            if (buffer.length() >= BUFFER_CHARS) {
                flush();
            }
        }

        void finish() throws SQLException {
            flush();
            copy.endCopy();
        }

        private void flush() throws SQLException {
            if (buffer.isEmpty()) {
                return;
            }
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            buffer.setLength(0);
            copy.writeToCopy(bytes, 0, bytes.length);
        }
    }
}
