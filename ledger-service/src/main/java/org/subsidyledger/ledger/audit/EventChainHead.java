package org.subsidyledger.ledger.audit;

import java.time.Duration;
import java.util.HexFormat;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.projections.port.EventStoreDigest;

/** The head of the event chain, once the chain has caught up with the events stored at the call. */
@Component
class EventChainHead implements EventStoreDigest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final JdbcTemplate jdbc;

    EventChainHead(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Head head() {
        Long stored = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (stored != null && !chained(stored)) {
            if (System.nanoTime() > deadline) {
                throw new LedgerException(ErrorCode.CHAIN_BEHIND, "the event chain has not reached event " + stored
                        + " within " + PATIENCE.toSeconds() + " s; try again in a moment");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return jdbc.query("""
                SELECT position, global_index, chain_sha256, chained_at FROM event_chain
                ORDER BY position DESC LIMIT 1""", rs -> rs.next()
                ? new Head(rs.getLong(1), stored, rs.getLong(1), HexFormat.of().formatHex(rs.getBytes(3)),
                rs.getTimestamp(4).toInstant())
                : new Head(0, 0, 0, HexFormat.of().formatHex(EventHash.GENESIS), null));
    }

    private boolean chained(long globalIndex) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM event_chain WHERE global_index = ?)",
                Boolean.class, globalIndex));
    }
}
