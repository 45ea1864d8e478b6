package org.subsidyledger.ledger.infrastructure;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon on PostgreSQL through JDBC: the Flyway-owned snake_case tables of V1, Jackson 2 for every serializer
 * (the mapper is ours, so a Spring Boot upgrade cannot change stored JSON) and a gap timeout long enough for a
 * bulk append of 300k events to commit without streaming processors skipping it.
 */
@Configuration(proxyBeanMethods = false)
class AxonConfiguration {

    /** The mapper behind Axon's serializers; its settings are part of the stored format. */
    @Bean("defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // Tolerant reader: a field added to an event later is ignored by older code reading it.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * PostgreSQL reports a unique violation by SQLSTATE 23505, not by vendor code; with this resolver a second
     * creation of one aggregate is an {@code AggregateStreamCreationException} and a lost race a
     * {@code ConcurrencyException}, instead of a generic store failure.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    /**
     * A failing event handler must not be skipped silently (Axon's default only logs): in a subscribing processor
     * the error fails the command and rolls back its transaction, so a write-side index never disagrees with the
     * events; in a streaming processor the batch is retried with back-off instead of losing rows of a read model.
     */
    @Bean
    org.axonframework.config.ConfigurerModule handlerErrorsPropagate() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          EventSchema eventSchema,
                                          @Value("${ledger.event-store.gap-timeout-ms:600000}") int gapTimeoutMs,
                                          @Value("${ledger.event-store.batch-size:100}") int batchSize) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .gapTimeout(gapTimeoutMs)
                .batchSize(batchSize)
                // Every append takes EventAppendOrder's lock first, so the global index follows commit order.
                .appendEvents((connection, schema, dataType, events, serializer, timestampWriter) -> {
                    EventAppendOrder.acquire(connection);
                    return JdbcEventStorageEngineStatements.appendEvents(connection, schema, dataType, events,
                            serializer, timestampWriter);
                })
                .build();
    }

    /**
     * Axon's units of work (command handling, every processor batch) run in Spring transactions. Axon's own
     * auto-configuration of this bean orders itself after Spring Boot 3's transaction-manager auto-configuration,
     * which Boot 4 renamed; when it is evaluated first it finds no PlatformTransactionManager and Axon falls back to
     * its no-op transaction manager: a processor batch's token then commits on its own, before the batch's rows, and
     * a crash between the two loses those rows for good (bench/faults.sh found 19 of 20 line parts of a batch missing
     * from batch_line_view after a kill -9). Declared here, it cannot be missed.
     */
    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactions) {
        return new SpringTransactionManager(transactions);
    }

    /**
     * Axon's JDBC auto-configuration orders itself after Spring Boot 3's DataSource auto-configuration, which Boot 4
     * renamed: with Boot's own DataSource (an operator's {@code SPRING_DATASOURCE_URL}) it is evaluated before the
     * DataSource exists and contributes nothing. The JDBC components are therefore declared here, for both the
     * embedded and the external database. The provider hands Axon the connection of the Spring transaction.
     */
    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    /**
     * Tokens in PostgreSQL, claimed per segment by each instance (owner = node id): several instances on one
     * database share a processor's segments, and a killed instance's claims are taken over after the claim timeout.
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer defaultSerializer, TokenSchema tokenSchema,
                          @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") java.time.Duration claimTimeout,
                          @Value("${ledger.node-id:}") String nodeId) {
        JdbcTokenStore.Builder builder = JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(defaultSerializer)
                .schema(tokenSchema)
                .claimTimeout(claimTimeout)
                .contentType(byte[].class);
        if (!nodeId.isBlank()) {
            builder.nodeId(nodeId);
        }
        return builder.build();
    }

    /**
     * Axon's default event store keeps the last 10,000 events read in memory for processors tailing the store. Our
     * batch events carry up to 1,000 lines each, so 10,000 of them are several gigabytes once deserialized: a year of
     * 300k-line batches ran a 1 GiB heap out. Keep {@code ledger.event-store.cached-events} (100) instead; a processor
     * further behind reads from the database.
     */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                  @Value("${ledger.event-store.cached-events:100}") int cachedEvents) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .cachedEvents(cachedEvents)
                .build();
    }
}
