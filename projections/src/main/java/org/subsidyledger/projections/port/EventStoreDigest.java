package org.subsidyledger.projections.port;

import java.time.Instant;

/**
 * The digest of the event store a figure is computed under: the head of the hash chain over the stored events
 * (docs/architecture.md, "Integrity"). Quoted in exports so that an auditor can later check, with
 * {@code GET /api/v1/audit/verify}, that none of the events behind them was altered.
 */
public interface EventStoreDigest {

    /** The chain head once every event stored at the call is chained (waiting a little for the chain if it trails). */
    Head head();

    /**
     * Positions 1 to {@code position} of the chain — the events up to global index {@code globalIndex} and any
     * chained before it — hash to {@code sha256} (hex).
     */
    record Head(long position, long globalIndex, long events, String sha256, Instant chainedAt) {
    }
}
