package org.subsidyledger.ledger.operations;

import java.time.Duration;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Waits until the read models have read every event stored so far: every segment of every streaming processor has
 * read past the event store's head as it was when asked. The console waits on it after an action, so the page it
 * shows next already counts what was just recorded. A segment this instance runs is judged by its position in
 * memory (a pooled processor stores the token of a segment that met none of the new events only every few
 * seconds); a segment another instance runs, by its stored token.
 */
@Component
public class ReadModelCatchUp {

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;

    ReadModelCatchUp(JdbcTemplate jdbc, EventProcessingConfiguration processing) {
        this.jdbc = jdbc;
        this.processing = processing;
    }

    /** @return whether the read models caught up within {@code wait} */
    public boolean await(Duration wait) {
        long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        long deadline = System.nanoTime() + wait.toNanos();
        while (!caughtUp(head)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Only this application's streaming processors count, and not while one replays (a rebuild takes minutes: the
     * page is shown at once, the operator knows); rows of other names (Axon's {@code __config}, a processor removed
     * since) are not waited for.
     */
    private boolean caughtUp(long head) {
        List<java.util.Map<String, Object>> segments = jdbc.queryForList(
                "SELECT processor_name, segment, token FROM token_entry");
        for (java.util.Map<String, Object> segment : segments) {
            String name = (String) segment.get("processor_name");
            var processor = processing.eventProcessor(name, StreamingEventProcessor.class).orElse(null);
            if (processor == null || processor.processingStatus().values().stream()
                    .anyMatch(EventTrackerStatus::isReplaying)) {
                continue;
            }
            EventTrackerStatus here = processor.processingStatus().get(((Number) segment.get("segment")).intValue());
            Long position = here != null ? here.getCurrentPosition().orElse(0L)
                    : ProcessorStatus.positionOf((byte[]) segment.get("token"));
            if (position == null || position < head) {
                return false;
            }
        }
        return true;
    }
}
