package org.subsidyledger.ledger.infrastructure;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes the event store's global index follow commit order. Every transaction that appends events takes one
 * transaction-scoped advisory lock first, so the next appender draws its {@code global_index} values only after the
 * previous appender has committed or rolled back.
 *
 * <p>Why: Axon's streaming processors drop a gap in the global index at once when it lies more than
 * {@code maxGapOffset} (10,000) behind the newest event they have read, whatever the gap timeout. Without this lock a
 * transaction appending 15k events (a large death comparison) while a small command commits leaves a gap of 15k
 * behind the small command's event, and the large transaction's events are never read by the read models or the
 * hash chain. With it, a gap can only come from a transaction that rolled back, whose events do not exist.
 *
 * <p>The cost is that appends are serialised across every instance on the database, from the first append of a
 * transaction to its commit; the posting of a 300k-line batch holds it for its last few seconds.
 */
public final class EventAppendOrder {

    /** The advisory lock key (an arbitrary constant: the ASCII of "ledgerev"). */
    static final long LOCK_KEY = 0x6c65646765726576L;

    private EventAppendOrder() {
    }

    /** Takes the lock in the connection's transaction (re-entrant: a second call in one transaction is free). */
    public static void acquire(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
        }
    }
}
