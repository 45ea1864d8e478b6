package org.subsidyledger.ledger.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The hashes of the event chain (V12): an event's hash is SHA-256 over its stored row, every field length-prefixed so
 * that no two rows hash alike by shifting bytes between fields; a chain link is SHA-256(previous link || event hash).
 */
final class EventHash {

    /** The columns of {@code domain_event_entry} an event's hash covers, in order. */
    static final String COLUMNS = "e.global_index, e.aggregate_identifier, e.sequence_number, e.type, "
            + "e.event_identifier, e.time_stamp, e.payload_type, e.payload_revision, e.meta_data, e.payload";

    static final byte[] GENESIS = new byte[32];

    private EventHash() {
    }

    /** Hashes the event whose {@link #COLUMNS} start at column {@code first} of the current row. */
    static byte[] of(ResultSet rs, int first) throws SQLException {
        MessageDigest sha = sha256();
        sha.update(ByteBuffer.allocate(8).putLong(rs.getLong(first)).array());
        text(sha, rs.getString(first + 1));
        sha.update(ByteBuffer.allocate(8).putLong(rs.getLong(first + 2)).array());
        for (int column = first + 3; column <= first + 7; column++) {
            text(sha, rs.getString(column));
        }
        bytes(sha, rs.getBytes(first + 8));
        bytes(sha, rs.getBytes(first + 9));
        return sha.digest();
    }

    static byte[] link(byte[] previous, byte[] event) {
        MessageDigest sha = sha256();
        sha.update(previous);
        sha.update(event);
        return sha.digest();
    }

    private static void text(MessageDigest sha, String value) {
        bytes(sha, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(MessageDigest sha, byte[] value) {
        sha.update(ByteBuffer.allocate(4).putInt(value == null ? -1 : value.length).array());
        if (value != null) {
            sha.update(value);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
