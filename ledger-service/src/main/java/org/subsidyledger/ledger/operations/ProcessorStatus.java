package org.subsidyledger.ledger.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/operations/processors}: every streaming processor's segments as the token store records them —
 * which instance (owner) holds each, how far it has read — and its lag behind the event store, in events and in
 * seconds (age of the oldest event not yet read). The same lag is published as the gauges
 * {@code ledger.processor.lag.events} and {@code ledger.processor.lag.seconds}, tagged by processor.
 */
@RestController
@Component
class ProcessorStatus implements MeterBinder {

    /** One segment's claim: {@code owner} is the node id of the instance holding it (null: unclaimed). */
    record Segment(int segment, String owner, Long position, String claimedAt) {
    }

    /**
     * @param lagEvents  events stored after the slowest segment's position
     * @param lagSeconds age of the oldest of those events (0 when none)
     * @param runningHere whether this instance runs the processor
     */
    record ProcessorState(String name, List<Segment> segments, long lagEvents, long lagSeconds, boolean runningHere,
                     List<Integer> segmentsHere) {
    }

    record Status(String node, long headIndex, List<ProcessorState> processors) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CACHE = Duration.ofSeconds(5);

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private volatile Status cached;
    private volatile Instant cachedAt = Instant.EPOCH;

    private final String node;

    ProcessorStatus(JdbcTemplate jdbc, EventProcessingConfiguration processing,
                    @org.springframework.beans.factory.annotation.Value("${ledger.node-id:}") String nodeId) {
        this.jdbc = jdbc;
        this.processing = processing;
        // The token store's default node id, unless ledger.node-id names this instance.
        this.node = nodeId.isBlank() ? java.lang.management.ManagementFactory.getRuntimeMXBean().getName() : nodeId;
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Show each processor's segments, owners and lag")
    @GetMapping("/api/v1/operations/processors")
    @PreAuthorize("hasRole('ADMIN')")
    Status processors() {
        return read();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String name : processing.eventProcessors().keySet()) {
            if (processing.eventProcessor(name, StreamingEventProcessor.class).isEmpty()) {
                continue;
            }
            Gauge.builder("ledger.processor.lag.events", () -> lagOf(name, true)).tag("processor", name)
                    .description("events stored after the processor's slowest segment").register(registry);
            Gauge.builder("ledger.processor.lag.seconds", () -> lagOf(name, false)).tag("processor", name)
                    .baseUnit("seconds").description("age of the oldest event the processor has not read")
                    .register(registry);
        }
    }

    private double lagOf(String name, boolean events) {
        Status status = cachedAt.plus(CACHE).isAfter(Instant.now()) && cached != null ? cached : read();
        return status.processors().stream().filter(p -> p.name().equals(name)).findFirst()
                .map(p -> (double) (events ? p.lagEvents() : p.lagSeconds())).orElse(Double.NaN);
    }

    private Status read() {
        long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        Map<String, List<Segment>> segments = new LinkedHashMap<>();
        jdbc.query("SELECT processor_name, segment, owner, token, time_stamp FROM token_entry ORDER BY 1, 2", rs -> {
            segments.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Segment(rs.getInt(2),
                    rs.getString(3), positionOf(rs.getBytes(4)), rs.getString(5)));
        });
        List<ProcessorState> processors = new ArrayList<>();
        for (Map.Entry<String, List<Segment>> entry : segments.entrySet()) {
            long slowest = entry.getValue().stream().mapToLong(s -> s.position() == null ? 0 : s.position()).min()
                    .orElse(0);
            long lagEvents = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE global_index > ?",
                    Long.class, slowest);
            long lagSeconds = 0;
            if (lagEvents > 0) {
                List<String> oldest = jdbc.queryForList("""
                        SELECT time_stamp FROM domain_event_entry WHERE global_index > ? ORDER BY global_index LIMIT 1""",
                        String.class, slowest);
                if (!oldest.isEmpty()) {
                    lagSeconds = Math.max(0, Duration.between(Instant.parse(oldest.get(0)), Instant.now()).toSeconds());
                }
            }
            var here = processing.eventProcessor(entry.getKey(), StreamingEventProcessor.class);
            List<Integer> segmentsHere = here.map(p -> p.processingStatus().keySet().stream().sorted().toList())
                    .orElse(List.of());
            processors.add(new ProcessorState(entry.getKey(), List.copyOf(entry.getValue()), lagEvents, lagSeconds,
                    here.map(StreamingEventProcessor::isRunning).orElse(false), segmentsHere));
        }
        Status status = new Status(node, head, List.copyOf(processors));
        cached = status;
        cachedAt = Instant.now();
        return status;
    }

    /** The global index a token has read up to: a gap-aware token's {@code index}, or a replay's current token's. */
    static Long positionOf(byte[] token) {
        if (token == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(token);
            while (node.has("currentToken") || node.has("tokenAtReset")) {
                JsonNode current = node.get("currentToken");
                node = current == null || current.isNull() ? JSON.createObjectNode() : current;
            }
            JsonNode index = node.get("index");
            return index == null || index.isNull() ? null : index.asLong();
        } catch (IOException e) {
            return null;
        }
    }
}
