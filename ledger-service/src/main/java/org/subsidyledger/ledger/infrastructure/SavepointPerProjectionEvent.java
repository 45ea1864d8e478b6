package org.subsidyledger.ledger.infrastructure;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs each read-model event handler (the classes of {@code org.subsidyledger.projections}) inside a savepoint of
 * its processor batch's transaction. A handler whose SQL fails leaves PostgreSQL's transaction aborted ("commands
 * ignored until end of transaction block"); rolled back to the savepoint instead, the batch's transaction stays
 * usable, so the dead-letter queue can park that one event and the processor commits the rest of the batch.
 * Write-side handlers are not wrapped: their failure must fail the command that appended the event.
 */
@Component
class SavepointPerProjectionEvent implements HandlerEnhancerDefinition {

    static final String PROJECTIONS = "org.subsidyledger.projections.";

    private final TransactionTemplate nested;

    SavepointPerProjectionEvent(PlatformTransactionManager transactions) {
        this.nested = new TransactionTemplate(transactions);
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class)
                || !original.declaringClass().getName().startsWith(PROJECTIONS)) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                    return super.handle(message, target);
                }
                try {
                    return nested.execute(status -> {
                        try {
                            return super.handle(message, target);
                        } catch (RuntimeException e) {
                            throw e;
                        } catch (Exception e) {
                            throw new CheckedFailure(e);
                        }
                    });
                } catch (CheckedFailure e) {
                    throw e.checked;
                }
            }
        };
    }

    /** Carries a handler's checked exception through {@link TransactionTemplate}, which rolls back on it. */
    private static final class CheckedFailure extends RuntimeException {
        private final Exception checked;

        CheckedFailure(Exception checked) {
            super(checked);
            this.checked = checked;
        }
    }
}
