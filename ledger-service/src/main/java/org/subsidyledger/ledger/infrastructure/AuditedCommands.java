package org.subsidyledger.ledger.infrastructure;

import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.axonframework.modelling.command.ConcurrencyException;
import org.subsidyledger.contract.AuditMetadata;
import org.subsidyledger.ledger.security.Actor;

/**
 * Sends commands with the actor, role and request id as metadata; the correlation provider copies them onto every
 * event the command causes, so each event records who did it.
 */
@Component
public class AuditedCommands {

    private final CommandGateway gateway;

    AuditedCommands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public static MetaData metaDataOf(Actor actor) {
        return MetaData.from(Map.of(
                AuditMetadata.ACTOR, actor.userName(),
                AuditMetadata.ROLE, actor.role().name(),
                AuditMetadata.REQUEST_ID, RequestIds.current()));
    }

    /** How often a command that lost a race on its aggregate is sent again. */
    static final int CONCURRENCY_ATTEMPTS = 3;

    /**
     * Sends {@code command} on behalf of {@code actor} and waits for its result. A command that lost a race on its
     * aggregate (another instance appended to it first: a {@link ConcurrencyException}, its unit of work rolled back)
     * is sent again, up to three times, so it is decided on the aggregate's new state — unless it runs inside a
     * caller's transaction, which the lost race has already doomed; that caller retries as a whole.
     */
    public <R> R send(Object command, Actor actor) {
        for (int attempt = 1; ; attempt++) {
            try {
                return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                        .withMetaData(metaDataOf(actor)));
            } catch (ConcurrencyException e) {
                if (attempt == CONCURRENCY_ATTEMPTS
                        || TransactionSynchronizationManager.isActualTransactionActive()) {
                    throw e;
                }
                try {
                    Thread.sleep(20L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class Correlation {
        @Bean
        CorrelationDataProvider auditCorrelation() {
            return new SimpleCorrelationDataProvider(AuditMetadata.ACTOR, AuditMetadata.ROLE, AuditMetadata.REQUEST_ID);
        }
    }
}
