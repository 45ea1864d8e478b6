package org.subsidyledger.ledger.audit;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Extends the hash chain of V12 with every stored event, once, in the order this processor meets them (one segment,
 * so one instance of a cluster at a time). It reads the stored row itself — the bytes an auditor's check reads
 * again — rather than the deserialized event. It handles the events of its first catch-up too (Axon calls that a
 * replay: a store older than the chain is chained from its first event), and skips an event already chained, so a
 * reset of its token changes nothing.
 */
@Component
@ProcessingGroup(EventChain.GROUP)
class EventChain {

    static final String GROUP = "event-chain";

    private final JdbcTemplate jdbc;

    EventChain(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every event, without deserializing its payload (a batch part of 1,000 lines would cost a JSON parse). */
    @EventHandler(payloadType = Object.class)
    void on(EventMessage<?> message) {
        jdbc.query("SELECT " + EventHash.COLUMNS + """
                        , (SELECT c.position FROM event_chain c WHERE c.global_index = e.global_index) AS chained
                        FROM domain_event_entry e WHERE e.event_identifier = ?""", rs -> {
            rs.getLong("chained");
            if (!rs.wasNull()) {
                return; // chained before (a redelivery)
            }
            long globalIndex = rs.getLong(1);
            byte[] event = EventHash.of(rs, 1);
            Object[] head = jdbc.query("SELECT position, chain_sha256 FROM event_chain ORDER BY position DESC LIMIT 1",
                    r -> r.next() ? new Object[]{r.getLong(1), r.getBytes(2)} : new Object[]{0L, EventHash.GENESIS});
            jdbc.update("""
                            INSERT INTO event_chain (position, global_index, event_identifier, event_sha256, chain_sha256)
                            VALUES (?, ?, ?, ?, ?)""", (long) head[0] + 1, globalIndex, message.getIdentifier(), event,
                    EventHash.link((byte[]) head[1], event));
        }, message.getIdentifier());
    }
}
