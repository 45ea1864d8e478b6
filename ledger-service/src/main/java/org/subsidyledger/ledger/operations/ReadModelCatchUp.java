package org.subsidyledger.ledger.operations;

import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Waits until the read models have read every event stored so far: each streaming processor's every segment has a
 * token at or past the event store's head as it was when asked. The console waits on it after an upload, so the
 * page it shows next already counts what was just recorded.
 */
@Component
public class ReadModelCatchUp {

    private final JdbcTemplate jdbc;

    ReadModelCatchUp(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return whether the read models caught up within {@code wait} */
    public boolean await(Duration wait) {
        long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            List<byte[]> tokens = jdbc.queryForList("SELECT token FROM token_entry", byte[].class);
            boolean caughtUp = tokens.stream().map(ProcessorStatus::positionOf)
                    .allMatch(position -> position != null && position >= head);
            if (caughtUp) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
