package org.subsidyledger.ledger.verification;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The commands of a {@link SuspectedFact}: raised in bulk by a comparison, then settled once. */
final class VerificationCommands {

    private VerificationCommands() {
    }

    /** The region confirmed it; the fact {@code factId} records it (or already did). */
    record ConfirmSuspectedFact(@TargetAggregateIdentifier String suspectId, String factId, LocalDate foundOn,
                                String evidence) {
    }

    /** The region found it untrue. */
    record DismissSuspectedFact(@TargetAggregateIdentifier String suspectId, String reason) {
    }
}
