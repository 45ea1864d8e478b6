package org.subsidyledger.ledger.overpayment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.subsidyledger.contract.overpayment.OverpaidMonth;
import org.subsidyledger.contract.overpayment.OverpaymentAdjusted;
import org.subsidyledger.contract.overpayment.OverpaymentCancelled;
import org.subsidyledger.contract.overpayment.OverpaymentIdentified;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.AdjustOverpayment;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.CancelOverpayment;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.IdentifyOverpayment;
import org.subsidyledger.ledger.web.ErrorCode;
import org.subsidyledger.ledger.web.LedgerException;

/**
 * An overpayment case (追回 case): the payments a fact showed were not due, for one recipient, program and fact. It
 * keeps the payments it claims (by batch) and its amount; months are added or removed only by compensating
 * adjustments that say why, and a case raised in error is cancelled, never deleted.
 */
@Aggregate
class Overpayment {

    enum Status { OPEN, CANCELLED }

    @AggregateIdentifier
    private String caseId;
    private Status status;
    private final Map<String, OverpaidMonth> months = new LinkedHashMap<>();
    private long amountFen;

    protected Overpayment() {
        // for Axon
    }

    @CommandHandler
    Overpayment(IdentifyOverpayment command) {
        apply(identified(command));
    }

    /** The event opening a case, after its checks; also used when many cases are opened at once. */
    static OverpaymentIdentified identified(IdentifyOverpayment command) {
        if (command.months().isEmpty()) {
            throw new LedgerException(ErrorCode.INVALID_ROWS, "an overpayment needs at least one overpaid month");
        }
        long amount = 0;
        java.util.Set<String> batches = new java.util.HashSet<>();
        for (OverpaidMonth month : command.months()) {
            requirePositive(month);
            if (!batches.add(month.batchId())) {
                throw new LedgerException(ErrorCode.INVALID_ROWS, "batch " + month.batchId() + " is named twice");
            }
            amount += month.amountFen();
        }
        return new OverpaymentIdentified(command.caseId(), command.recipientId(), command.programCode(),
                command.factId(), command.cause(), command.rule(), command.ruleDescription(), command.months(), amount,
                command.identifiedOn());
    }

    @CommandHandler
    void handle(AdjustOverpayment command) {
        requireOpen();
        if (command.added().isEmpty() && command.removed().isEmpty()) {
            throw new LedgerException(ErrorCode.NOTHING_TO_CORRECT, "the adjustment adds and removes nothing");
        }
        long amount = amountFen;
        Map<String, OverpaidMonth> after = new LinkedHashMap<>(months);
        for (OverpaidMonth removed : command.removed()) {
            if (after.remove(removed.batchId()) == null) {
                throw new LedgerException(ErrorCode.INVALID_ROWS, "case " + caseId + " has no payment of batch "
                        + removed.batchId() + " to remove");
            }
            amount -= removed.amountFen();
        }
        for (OverpaidMonth added : command.added()) {
            requirePositive(added);
            if (after.putIfAbsent(added.batchId(), added) != null) {
                throw new LedgerException(ErrorCode.INVALID_ROWS, "case " + caseId + " already has the payment of "
                        + "batch " + added.batchId());
            }
            amount += added.amountFen();
        }
        if (after.isEmpty()) {
            throw new LedgerException(ErrorCode.INVALID_CASE_STATE, "the adjustment would leave case " + caseId
                    + " without any overpaid month; cancel it instead");
        }
        apply(new OverpaymentAdjusted(caseId, command.added(), command.removed(), amount, amountFen,
                reason(command.reason())));
    }

    @CommandHandler
    void handle(CancelOverpayment command) {
        requireOpen();
        apply(new OverpaymentCancelled(caseId, reason(command.reason())));
    }

    @EventSourcingHandler
    void on(OverpaymentIdentified event) {
        caseId = event.caseId();
        status = Status.OPEN;
        event.months().forEach(month -> months.put(month.batchId(), month));
        amountFen = event.amountFen();
    }

    @EventSourcingHandler
    void on(OverpaymentAdjusted event) {
        event.removed().forEach(month -> months.remove(month.batchId()));
        event.added().forEach(month -> months.put(month.batchId(), month));
        amountFen = event.amountFen();
    }

    @EventSourcingHandler
    void on(OverpaymentCancelled event) {
        status = Status.CANCELLED;
    }

    private void requireOpen() {
        if (status == Status.CANCELLED) {
            throw new LedgerException(ErrorCode.INVALID_CASE_STATE, "case " + caseId + " is cancelled");
        }
    }

    private static void requirePositive(OverpaidMonth month) {
        if (month.amountFen() <= 0) {
            throw new LedgerException(ErrorCode.INVALID_AMOUNT, "an overpaid month has a positive amount");
        }
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, "a reason is required");
        }
        return reason.strip();
    }

    List<OverpaidMonth> months() {
        return List.copyOf(months.values());
    }
}
