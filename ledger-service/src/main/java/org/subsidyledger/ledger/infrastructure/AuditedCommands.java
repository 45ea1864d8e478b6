package org.subsidyledger.ledger.infrastructure;

import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
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

    /** Sends {@code command} on behalf of {@code actor} and waits for its result. */
    public <R> R send(Object command, Actor actor) {
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).withMetaData(metaDataOf(actor)));
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class Correlation {
        @Bean
        CorrelationDataProvider auditCorrelation() {
            return new SimpleCorrelationDataProvider(AuditMetadata.ACTOR, AuditMetadata.ROLE, AuditMetadata.REQUEST_ID);
        }
    }
}
