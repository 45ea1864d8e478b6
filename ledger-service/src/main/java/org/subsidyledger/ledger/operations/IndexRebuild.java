package org.subsidyledger.ledger.operations;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.subsidyledger.ledger.infrastructure.DirectlyWrittenIndex;
import org.subsidyledger.ledger.infrastructure.EventAppendOrder;

/**
 * Rebuilds the write side's indexes from the events: empties them and feeds every stored event, in store order, to
 * the subscribing processors that keep them ({@code program-registry}, {@code payout-index}, {@code fact-index},
 * {@code overpayment-index}, {@code certification-index}, {@code suspect-index}) and to the services that write rows of their own ({@link DirectlyWrittenIndex}). It
 * runs in one transaction that first takes the event-append lock and an exclusive lock on every index, so no command
 * appends or reads meanwhile (they wait), and a failure leaves the indexes as they were.
 *
 * <p>It empties tables the application role may not empty, so it runs as the database owner, as a command of its
 * own ({@code java -jar ledger-service.jar rebuild-write-indexes}, docs/operations.md) that does its work and exits.
 */
@Component
public class IndexRebuild {

    private static final Logger log = LoggerFactory.getLogger(IndexRebuild.class);

    /** Kept by the subscribing processors; with {@link DirectlyWrittenIndex#tables()} every write-side index. */
    static final List<String> HANDLER_TABLES = List.of("program_registry", "batch_disbursement_index",
            "not_due_index", "life_fact_index", "overpayment_case_index", "overpaid_payment_index", "deduction_index",
            "certification_index", "suspected_fact_index");

    /** Every write-side index: those of the handlers and those the services write (checked at start). */
    public static final List<String> WRITE_SIDE_TABLES = java.util.stream.Stream.concat(HANDLER_TABLES.stream(),
            Stream.of("enrolment_index", "payout_line_index", "standard_index", "arrear_index")).toList();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final EventProcessingConfiguration processing;
    private final EventStorageEngine events;
    private final List<DirectlyWrittenIndex> directlyWritten;

    IndexRebuild(JdbcTemplate jdbc, PlatformTransactionManager transactions, EventProcessingConfiguration processing,
                 EventStorageEngine events, List<DirectlyWrittenIndex> directlyWritten) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.processing = processing;
        this.events = events;
        this.directlyWritten = List.copyOf(directlyWritten);
        if (!new java.util.HashSet<>(tables()).equals(new java.util.HashSet<>(WRITE_SIDE_TABLES))) {
            throw new IllegalStateException("the write-side tables " + tables() + " differ from " + WRITE_SIDE_TABLES);
        }
    }

    /** The write-side index tables, in the order they are emptied. */
    public List<String> tables() {
        List<String> tables = new ArrayList<>(HANDLER_TABLES);
        directlyWritten.forEach(index -> tables.addAll(index.tables()));
        return List.copyOf(tables);
    }

    /** The result: events read and the rows of each table after the rebuild. */
    public record Result(long events, Map<String, Long> rows, long millis) {
    }

    public Result rebuild() {
        long started = System.nanoTime();
        return transaction.execute(status -> {
            List<String> tables = tables();
            jdbc.execute((ConnectionCallback<Void>) connection -> {
                EventAppendOrder.acquire(connection);
                return null;
            });
            jdbc.execute("LOCK TABLE " + String.join(", ", tables) + " IN ACCESS EXCLUSIVE MODE");
            jdbc.execute("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY");

            List<EventHandlerInvoker> handlers = processing.eventProcessors().values().stream()
                    .filter(SubscribingEventProcessor.class::isInstance)
                    .map(p -> ((SubscribingEventProcessor) p).eventHandlerInvoker())
                    .toList();
            List<Consumer<EventMessage<?>>> writers = directlyWritten.stream().map(DirectlyWrittenIndex::rebuilder)
                    .toList();
            long count = 0;
            try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(null, false)) {
                var iterator = stream.iterator();
                while (iterator.hasNext()) {
                    TrackedEventMessage<?> event = iterator.next();
                    for (Consumer<EventMessage<?>> writer : writers) {
                        writer.accept(event);
                    }
                    for (EventHandlerInvoker invoker : handlers) {
                        if (invoker.canHandle(event, Segment.ROOT_SEGMENT)) {
                            invoker.handle(event, Segment.ROOT_SEGMENT);
                        }
                    }
                    if (++count % 10_000 == 0) {
                        log.info("write-side index rebuild: {} events", count);
                    }
                }
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("an index handler failed during the rebuild", e);
            }
            Map<String, Long> rows = new LinkedHashMap<>();
            for (String table : tables) {
                rows.put(table, jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class));
            }
            return new Result(count, rows, (System.nanoTime() - started) / 1_000_000);
        });
    }
}
