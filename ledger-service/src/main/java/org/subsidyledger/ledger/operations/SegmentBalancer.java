package org.subsidyledger.ledger.operations;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Shares the streaming processors' segments among the instances on one database. Axon's pooled processors claim
 * every unclaimed segment, so the instance that starts first would hold them all (AxonFramework #3028). Every
 * {@code ledger.balancer.interval} each instance records that it is alive in {@code ledger_node}, counts the live
 * instances, and releases, for a while, the segments it holds beyond its fair share (segments ÷ live instances,
 * rounded up); another instance claims them. A killed instance stops being seen and its claims expire after the
 * claim timeout, so the survivors take its segments over (the fair share grows as the count drops).
 */
@Component
class SegmentBalancer {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final String node;
    private final Duration liveWithin;
    private final Duration release;

    SegmentBalancer(JdbcTemplate jdbc, EventProcessingConfiguration processing,
                    @Value("${ledger.node-id:}") String nodeId,
                    @Value("${ledger.balancer.live-within:10s}") Duration liveWithin,
                    @Value("${ledger.balancer.release-for:6s}") Duration release) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.node = nodeId.isBlank() ? java.lang.management.ManagementFactory.getRuntimeMXBean().getName() : nodeId;
        this.liveWithin = liveWithin;
        this.release = release;
    }

    @Scheduled(fixedDelayString = "${ledger.balancer.interval:5s}", initialDelayString = "${ledger.balancer.interval:5s}")
    void balance() {
        try {
            jdbc.update("""
                    INSERT INTO ledger_node (node_id, seen_at) VALUES (?, now())
                    ON CONFLICT (node_id) DO UPDATE SET seen_at = EXCLUDED.seen_at""", node);
            int live = jdbc.queryForObject("SELECT count(*) FROM ledger_node WHERE seen_at > now() - ?::interval",
                    Integer.class, liveWithin.toSeconds() + " seconds");
            if (live <= 1) {
                return;
            }
            for (String name : processing.eventProcessors().keySet()) {
                processing.eventProcessor(name, StreamingEventProcessor.class).ifPresent(p -> share(name, p, live));
            }
        } catch (RuntimeException e) {
            log.warn("Segment balancing skipped this round: {}", e.toString());
        }
    }

    private void share(String name, StreamingEventProcessor processor, int live) {
        int segments = jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ?", Integer.class,
                name);
        int fair = (segments + live - 1) / live;
        Map<Integer, EventTrackerStatus> held = processor.processingStatus();
        if (held.size() <= fair) {
            return;
        }
        List<Integer> excess = held.keySet().stream().sorted(Comparator.reverseOrder()).limit(held.size() - fair)
                .toList();
        for (Integer segment : excess) {
            processor.releaseSegment(segment, release.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        log.info("Released segments {} of {} for another instance ({} live instances, fair share {} of {})", excess,
                name, live, fair, segments);
    }
}
