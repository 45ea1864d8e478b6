package org.subsidyledger.ledger.standard;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.YearMonth;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.contract.standard.StandardChanged;

/**
 * One change of a standard (调标), program-wide or individual. Its stream holds the {@link StandardChanged} and then the
 * parts of the arrears it made ({@code ArrearsRecorded}, appended in bulk by {@link ArrearService}). A change is never
 * undone: a mistaken one is corrected by another change from the same month, which wins for being recorded later.
 */
@Aggregate
class StandardChange {

    /** Change a standard; {@code recipientId} null for the whole program. */
    record ChangeStandard(String changeId, String programCode, String recipientId, YearMonth from,
                          long monthlyStandardFen, String reason) {
    }

    static final int MAX_REASON = 200;

    @AggregateIdentifier
    private String changeId;

    StandardChange() {
    }

    @CommandHandler
    StandardChange(ChangeStandard command) {
        if (command.monthlyStandardFen() <= 0) {
            throw new LedgerException(ErrorCode.INVALID_AMOUNT, "the monthly standard must be positive");
        }
        if (command.from() == null) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, "from (YYYY-MM) is required");
        }
        String reason = command.reason() == null ? "" : command.reason().strip();
        if (reason.isEmpty()) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, "a reason (e.g. the document that decided it) is required");
        }
        if (reason.length() > MAX_REASON) {
            throw new LedgerException(ErrorCode.TEXT_TOO_LONG, "reason is longer than " + MAX_REASON + " characters");
        }
        apply(new StandardChanged(command.changeId(), command.programCode(), command.recipientId(), command.from(),
                command.monthlyStandardFen(), reason));
    }

    @EventSourcingHandler
    void on(StandardChanged event) {
        changeId = event.changeId();
    }
}
