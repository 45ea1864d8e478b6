package org.subsidyledger.ledger.verification;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.contract.verification.FactSuspected;
import org.subsidyledger.contract.verification.SuspectedFactConfirmed;
import org.subsidyledger.contract.verification.SuspectedFactDismissed;

/**
 * A suspected fact (rule 12): raised by a comparison posted for verification (its first event is appended in bulk
 * with the comparison's others), then settled exactly once — confirmed as the fact, or dismissed with a reason.
 */
@Aggregate
class SuspectedFact {

    static final int MAX_TEXT = 200;

    @AggregateIdentifier
    private String suspectId;
    private String recipientId;
    private boolean settled;

    protected SuspectedFact() {
        // for Axon
    }

    @CommandHandler
    void handle(VerificationCommands.ConfirmSuspectedFact command) {
        requireOpen();
        String evidence = text(command.evidence(), "evidence");
        apply(new SuspectedFactConfirmed(suspectId, recipientId, command.factId(), command.foundOn(), evidence));
    }

    @CommandHandler
    void handle(VerificationCommands.DismissSuspectedFact command) {
        requireOpen();
        apply(new SuspectedFactDismissed(suspectId, recipientId, text(command.reason(), "reason")));
    }

    /** A required short text: the evidence of a confirmation, the reason of a dismissal. */
    static String text(String raw, String what) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, what + " is required");
        }
        if (text.length() > MAX_TEXT) {
            throw new LedgerException(ErrorCode.TEXT_TOO_LONG, "the " + what + " is longer than " + MAX_TEXT);
        }
        return text;
    }

    private void requireOpen() {
        if (settled) {
            throw new LedgerException(ErrorCode.SUSPECTED_FACT_SETTLED, "suspected fact " + suspectId
                    + " is already confirmed or dismissed");
        }
    }

    @EventSourcingHandler
    void on(FactSuspected event) {
        this.suspectId = event.suspectId();
        this.recipientId = event.recipientId();
    }

    @EventSourcingHandler
    void on(SuspectedFactConfirmed event) {
        this.settled = true;
    }

    @EventSourcingHandler
    void on(SuspectedFactDismissed event) {
        this.settled = true;
    }
}
