package org.subsidyledger.ledger.overpayment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.subsidyledger.contract.AuditMetadata;
import org.subsidyledger.contract.overpayment.CaseStatus;
import org.subsidyledger.contract.overpayment.OverpaidMonth;
import org.subsidyledger.contract.overpayment.RepaymentRecorded;
import org.subsidyledger.contract.overpayment.WriteOffApproved;
import org.subsidyledger.contract.overpayment.WriteOffProposed;
import org.subsidyledger.contract.overpayment.WriteOffRejected;
import org.subsidyledger.contract.overpayment.OverpaymentAdjusted;
import org.subsidyledger.contract.overpayment.OverpaymentCancelled;
import org.subsidyledger.contract.overpayment.OverpaymentIdentified;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.AdjustOverpayment;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.CancelOverpayment;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.DecideWriteOff;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.ProposeWriteOff;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.RecordRepayment;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.IdentifyOverpayment;
import org.subsidyledger.ledger.infrastructure.BusinessDates;
import org.subsidyledger.ledger.web.ErrorCode;
import org.subsidyledger.ledger.web.LedgerException;

/**
 * An overpayment case (追回 case): the payments a fact showed were not due, for one recipient, program and fact. It
 * keeps the payments it claims (by batch) and its amount; months are added or removed only by compensating
 * adjustments that say why, and a case raised in error is cancelled, never deleted.
 */
@Aggregate
class Overpayment {

    @AggregateIdentifier
    private String caseId;
    private boolean cancelled;
    private final Map<String, OverpaidMonth> months = new LinkedHashMap<>();
    private long amountFen;
    private long recoveredFen;
    private long writtenOffFen;
    private final Set<String> repayments = new HashSet<>();
    /** The write-off waiting for approval and who proposed it, or null. */
    private WriteOffProposed pendingWriteOff;
    private String pendingProposer;

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
    CaseStatus handle(RecordRepayment command) {
        requireOpen();
        if (repayments.contains(command.repaymentId())) {
            return status();
        }
        if (command.method() == null) {
            throw new LedgerException(ErrorCode.INVALID_REPAYMENT_METHOD,
                    "method is required: FAMILY_REFUND, BANK_CLAWBACK, DEDUCTION or OTHER");
        }
        if (command.receivedOn() == null) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, "receivedOn is required");
        }
        if (command.receivedOn().isAfter(BusinessDates.today())) {
            throw new LedgerException(ErrorCode.INVALID_DATE, "receivedOn " + command.receivedOn()
                    + " is in the future");
        }
        requireWithinOutstanding(command.amountFen(), "repayment");
        long recovered = recoveredFen + command.amountFen();
        apply(new RepaymentRecorded(caseId, command.repaymentId(), command.amountFen(), command.receivedOn(),
                command.method(), trimmed(command.reference()), recovered,
                CaseStatus.of(amountFen, recovered, writtenOffFen)));
        return status();
    }

    @CommandHandler
    CaseStatus handle(ProposeWriteOff command) {
        requireOpen();
        if (pendingWriteOff != null) {
            throw new LedgerException(ErrorCode.WRITE_OFF_PENDING, "write-off " + pendingWriteOff.writeOffId()
                    + " of case " + caseId + " is waiting for approval");
        }
        requireWithinOutstanding(command.amountFen(), "write-off");
        apply(new WriteOffProposed(caseId, command.writeOffId(), command.amountFen(), reason(command.reason())));
        return status();
    }

    @CommandHandler
    CaseStatus handle(DecideWriteOff command, @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        if (pendingWriteOff == null || !pendingWriteOff.writeOffId().equals(command.writeOffId())) {
            throw new LedgerException(ErrorCode.UNKNOWN_WRITE_OFF, "case " + caseId + " has no write-off "
                    + command.writeOffId() + " waiting for approval");
        }
        if (actor.equals(pendingProposer)) {
            throw new LedgerException(ErrorCode.SEGREGATION_OF_DUTIES,
                    "a write-off must be approved by someone other than its proposer");
        }
        if (command.decision() == null) {
            throw new LedgerException(ErrorCode.INVALID_DECISION, "decision must be APPROVE or REJECT");
        }
        if (command.decision() == OverpaymentCommands.Decision.REJECT) {
            apply(new WriteOffRejected(caseId, command.writeOffId(), reason(command.comment())));
            return status();
        }
        requireOpen();
        requireWithinOutstanding(pendingWriteOff.amountFen(), "write-off");
        long writtenOff = writtenOffFen + pendingWriteOff.amountFen();
        apply(new WriteOffApproved(caseId, command.writeOffId(), pendingWriteOff.amountFen(),
                trimmed(command.comment()), writtenOff, CaseStatus.of(amountFen, recoveredFen, writtenOff)));
        return status();
    }

    @CommandHandler
    void handle(CancelOverpayment command) {
        requireOpen();
        apply(new OverpaymentCancelled(caseId, reason(command.reason()), command.released()));
    }

    @EventSourcingHandler
    void on(OverpaymentIdentified event) {
        caseId = event.caseId();
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
        cancelled = true;
        pendingWriteOff = null;
    }

    @EventSourcingHandler
    void on(RepaymentRecorded event) {
        repayments.add(event.repaymentId());
        recoveredFen = event.recoveredFen();
    }

    @EventSourcingHandler
    void on(WriteOffProposed event, @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        pendingWriteOff = event;
        pendingProposer = actor;
    }

    @EventSourcingHandler
    void on(WriteOffApproved event) {
        writtenOffFen = event.writtenOffFen();
        pendingWriteOff = null;
    }

    @EventSourcingHandler
    void on(WriteOffRejected event) {
        pendingWriteOff = null;
    }

    /** The case's status now. */
    CaseStatus status() {
        return cancelled ? CaseStatus.CANCELLED : CaseStatus.of(amountFen, recoveredFen, writtenOffFen);
    }

    private void requireOpen() {
        if (cancelled) {
            throw new LedgerException(ErrorCode.INVALID_CASE_STATE, "case " + caseId + " is cancelled");
        }
    }

    /** Nothing recovers more than is outstanding: a larger amount is refused, never truncated. */
    private void requireWithinOutstanding(long amount, String what) {
        if (amount <= 0) {
            throw new LedgerException(ErrorCode.INVALID_AMOUNT, "a " + what + " has a positive amount");
        }
        long outstanding = amountFen - recoveredFen - writtenOffFen;
        if (amount > outstanding) {
            throw new LedgerException(ErrorCode.OVER_RECOVERY, "the " + what + " of "
                    + org.subsidyledger.contract.value.Money.ofFen(amount) + " is more than the "
                    + org.subsidyledger.contract.value.Money.ofFen(Math.max(0, outstanding))
                    + " outstanding on case " + caseId);
        }
    }

    private static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static void requirePositive(OverpaidMonth month) {
        if (month.amountFen() <= 0) {
            throw new LedgerException(ErrorCode.INVALID_AMOUNT, "an overpaid month has a positive amount");
        }
    }

    static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, "a reason is required");
        }
        return reason.strip();
    }
}
