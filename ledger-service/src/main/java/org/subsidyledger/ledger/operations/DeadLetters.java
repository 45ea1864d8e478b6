package org.subsidyledger.ledger.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.subsidyledger.contract.value.RecipientId;
import org.subsidyledger.ledger.security.Actor;
import org.subsidyledger.ledger.security.CurrentActor;
import org.subsidyledger.ledger.security.Role;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;

/**
 * Dead letters of the read models. Every processor whose name ends in {@code -view} has Axon's sequenced dead-letter
 * queue in PostgreSQL ({@code dead_letter_entry}): an event its handler fails on is parked with the later events of
 * the same aggregate (its sequence), and the processor goes on with everything else instead of retrying one batch
 * forever. The write-side index processors have none (a failure there fails the command), nor has the event chain
 * (it must never skip an event).
 *
 * <p>{@code GET /api/v1/operations/dead-letters} lists them, {@code POST …/{processor}/retry} hands every parked
 * sequence of a processor to its handlers again (a sequence that fails again stays parked, with the new cause), and
 * {@code DELETE …/{processor}/{sequence}} evicts one sequence for good — its read model then lacks those events until
 * it is replayed. The gauge {@code ledger.dead_letters} counts parked events per processor. Causes are shown with ID
 * numbers masked: PostgreSQL's messages can quote a key.
 */
@RestController
class DeadLetters implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    static final String READ_MODEL_SUFFIX = "-view";
    private static final int MAX_LISTED = 500;

    /** One parked event. {@code sequence}: the aggregate whose events are parked behind it. */
    record Letter(String id, String processor, String sequence, long index, String eventType, String eventId,
                  Long aggregateSequenceNumber, String enqueuedAt, String lastTouched, String causeType,
                  String causeMessage) {
    }

    record DeadLetterProcessor(String processor, long sequences, long letters) {
    }

    /** {@code listed} holds at most 500 letters, oldest first; {@code total} counts them all. */
    record Listing(long total, List<DeadLetterProcessor> processors, List<Letter> listed) {
    }

    record RetryResult(String processor, int sequencesTried, int sequencesCleared, long lettersLeft) {
    }

    record EvictionResult(String processor, String sequence, int evicted, String replayHint) {
    }

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final CurrentActor currentActor;

    DeadLetters(JdbcTemplate jdbc, EventProcessingConfiguration processing, CurrentActor currentActor) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.currentActor = currentActor;
    }

    static DeadLetterSchema schema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    /**
     * A JDBC dead-letter queue for every read-model processor, in the processor's own transactions. Applied last:
     * Axon's JDBC and JPA auto-configurations register a provider of their own (for processors with
     * {@code axon.eventhandling.processors.*.dlq.enabled}), and the last provider registered is the one used.
     */
    @Bean
    static ConfigurerModule readModelDeadLetterQueues(ConnectionProvider connectionProvider,
                                                      TransactionManager transactionManager,
                                                      Serializer defaultSerializer,
                                                      @Qualifier("eventSerializer") Serializer eventSerializer,
                                                      org.axonframework.springboot.EventProcessorProperties processors) {
        DeadLetterSchema schema = schema();
        return new ConfigurerModule() {
            @Override
            public void configureModule(org.axonframework.config.Configurer configurer) {
                configurer.eventProcessing().registerDeadLetterQueueProvider(
                        processor -> !processor.endsWith(READ_MODEL_SUFFIX) ? null
                                : config -> JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                                .processingGroup(processor)
                                .connectionProvider(connectionProvider)
                                .transactionManager(transactionManager)
                                .schema(schema)
                                .genericSerializer(defaultSerializer)
                                .eventSerializer(eventSerializer)
                                .build());
                // Without the cache the invoker asks the queue, one SQL query, whether each event's sequence is
                // parked: a replay of every read model then ran at about 100 events per second on this machine.
                processors.getProcessors().keySet().stream().filter(name -> name.endsWith(READ_MODEL_SUFFIX))
                        .forEach(name -> configurer.eventProcessing().registerDeadLetteringEventHandlerInvokerConfiguration(
                                name, (config, builder) -> builder.enableSequenceIdentifierCache()));
            }

            @Override
            public int order() {
                return Integer.MAX_VALUE;
            }
        };
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "List the read-model events parked in the dead-letter queue")
    @GetMapping("/api/v1/operations/dead-letters")
    @PreAuthorize("hasRole('ADMIN')")
    Listing list(@RequestParam(required = false) String processor) {
        String filter = processor == null ? "" : processor;
        List<DeadLetterProcessor> processors = jdbc.query("""
                SELECT processing_group, count(DISTINCT sequence_identifier), count(*) FROM dead_letter_entry
                WHERE ? = '' OR processing_group = ? GROUP BY 1 ORDER BY 1""",
                (rs, n) -> new DeadLetterProcessor(rs.getString(1), rs.getLong(2), rs.getLong(3)), filter, filter);
        List<Letter> letters = jdbc.query("""
                SELECT dead_letter_id, processing_group, sequence_identifier, sequence_index, payload_type,
                       event_identifier, sequence_number, enqueued_at, last_touched, cause_type, cause_message
                FROM dead_letter_entry WHERE ? = '' OR processing_group = ?
                ORDER BY enqueued_at, processing_group, sequence_identifier, sequence_index LIMIT ?""",
                (rs, n) -> new Letter(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), (Long) rs.getObject(7), rs.getString(8), rs.getString(9),
                        rs.getString(10), RecipientId.maskAll(rs.getString(11))), filter, filter, MAX_LISTED);
        long total = processors.stream().mapToLong(DeadLetterProcessor::letters).sum();
        return new Listing(total, processors, letters);
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Retry the parked sequences of a processor")
    @PostMapping("/api/v1/operations/dead-letters/{processor}/retry")
    @PreAuthorize("hasRole('ADMIN')")
    RetryResult retry(@PathVariable String processor) {
        Actor actor = currentActor.actingAs(Role.ADMIN);
        SequencedDeadLetterProcessor<EventMessage<?>> retrying = processing.sequencedDeadLetterProcessor(processor)
                .orElseThrow(() -> unknown(processor));
        List<String> firstEvents = jdbc.queryForList("""
                SELECT DISTINCT ON (sequence_identifier) event_identifier FROM dead_letter_entry
                WHERE processing_group = ? ORDER BY sequence_identifier, sequence_index""", String.class, processor);
        int cleared = 0;
        for (String eventId : firstEvents) {
            if (retrying.process(letter -> letter.message().getIdentifier().equals(eventId))) {
                cleared++;
            }
        }
        long left = lettersOf(processor);
        log.info("dead letters of {} retried by {}: {} of {} sequences cleared, {} letters left", processor,
                actor.userName(), cleared, firstEvents.size(), left);
        return new RetryResult(processor, firstEvents.size(), cleared, left);
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Evict one parked sequence for good")
    @DeleteMapping("/api/v1/operations/dead-letters/{processor}/{sequence}")
    @PreAuthorize("hasRole('ADMIN')")
    EvictionResult evict(@PathVariable String processor, @PathVariable String sequence) {
        Actor actor = currentActor.actingAs(Role.ADMIN);
        SequencedDeadLetterQueue<EventMessage<?>> queue = processing.deadLetterQueue(processor)
                .orElseThrow(() -> unknown(processor));
        List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
        queue.deadLetterSequence(sequence).forEach(letters::add);
        if (letters.isEmpty()) {
            throw new LedgerException(ErrorCode.NOT_FOUND,
                    "processor " + processor + " has no dead letters for sequence " + sequence);
        }
        letters.forEach(queue::evict);
        log.warn("{} dead letters of {} (sequence {}) evicted by {}: replay {} to restore its read model",
                letters.size(), processor, sequence, actor.userName(), processor);
        return new EvictionResult(processor, sequence, letters.size(),
                "the read model of " + processor + " now lacks these events: rebuild it from the events "
                        + "(docs/operations.md, Rebuilding a read model)");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String name : processing.eventProcessors().keySet()) {
            if (name.endsWith(READ_MODEL_SUFFIX)) {
                Gauge.builder("ledger.dead_letters", () -> lettersOf(name)).tag("processor", name)
                        .description("events parked in the processor's dead-letter queue").register(registry);
            }
        }
    }

    private long lettersOf(String processor) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM dead_letter_entry WHERE processing_group = ?",
                Long.class, processor);
        return count == null ? 0 : count;
    }

    private static LedgerException unknown(String processor) {
        return new LedgerException(ErrorCode.NOT_FOUND, "no processor " + processor + " with a dead-letter queue");
    }
}
