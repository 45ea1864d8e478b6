package org.subsidyledger.ledger.fact;

import java.time.LocalDate;
import java.time.YearMonth;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.subsidyledger.contract.fact.SuspensionKind;

/** Commands on a {@link LifeFact}. Rules across facts (one death per recipient…) are checked by {@link FactService}. */
final class FactCommands {

    private FactCommands() {
    }

    record RecordDeath(String factId, String recipientId, LocalDate dateOfDeath, String source, String comparisonId,
                       Integer comparisonLine) {
    }

    record RecordSuspension(String factId, String recipientId, SuspensionKind kind, LocalDate from, LocalDate to,
                            String source) {
    }

    record RecordDuplicateClaim(String factId, String recipientId, String programCode, String otherScheme,
                                YearMonth from, YearMonth to) {
    }

    record RecordEnrolmentEnd(String factId, String recipientId, String programCode, YearMonth lastDueMonth,
                              String reason) {
    }

    record EndSuspension(@TargetAggregateIdentifier String factId, LocalDate endedOn, String source) {
    }

    record RetractFact(@TargetAggregateIdentifier String factId, String reason) {
    }

    /**
     * Propose retracting ({@code from} and {@code to} null) or correcting the fact, for another person to approve:
     * for a fact behind a live overpayment case.
     */
    record ProposeFactChange(@TargetAggregateIdentifier String factId, String changeId,
                             org.subsidyledger.contract.fact.FactChangeProposed.Change change, LocalDate from,
                             LocalDate to, String reason) {
    }

    enum Decision { APPROVE, REJECT }

    record DecideFactChange(@TargetAggregateIdentifier String factId, String changeId, Decision decision,
                            String comment) {
    }

    /** New dates for the fact, as its span (see {@code NotDueMonths.of}). */
    record CorrectFact(@TargetAggregateIdentifier String factId, LocalDate from, LocalDate to, String reason) {
    }
}
