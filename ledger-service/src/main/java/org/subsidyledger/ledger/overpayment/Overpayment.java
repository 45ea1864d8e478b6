package org.subsidyledger.ledger.overpayment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
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
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.contract.overpayment.AppealDecided;
import org.subsidyledger.contract.overpayment.AppealDecision;
import org.subsidyledger.contract.overpayment.AppealFiled;
import org.subsidyledger.contract.overpayment.InstalmentsAgreed;
import org.subsidyledger.contract.overpayment.RecoveryContactRecorded;
import org.subsidyledger.contract.overpayment.RecoveryNoticeDelivered;
import org.subsidyledger.contract.overpayment.RecoveryNoticeGenerated;
import org.subsidyledger.contract.overpayment.CancellationApproved;
import org.subsidyledger.contract.overpayment.CancellationProposed;
import org.subsidyledger.contract.overpayment.CancellationRejected;
import org.subsidyledger.contract.overpayment.CaseStatus;
import org.subsidyledger.contract.overpayment.DeductionArranged;
import org.subsidyledger.contract.overpayment.DeductionEnded;
import org.subsidyledger.contract.overpayment.PaymentLine;
import org.subsidyledger.contract.overpayment.RefundRecorded;
import org.subsidyledger.contract.overpayment.RepaymentMethod;
import org.subsidyledger.contract.overpayment.RepaymentReversed;
import org.subsidyledger.contract.overpayment.OverpaidMonth;
import org.subsidyledger.contract.overpayment.RepaymentRecorded;
import org.subsidyledger.contract.overpayment.WriteOffApproved;
import org.subsidyledger.contract.overpayment.WriteOffProposed;
import org.subsidyledger.contract.overpayment.WriteOffRejected;
import org.subsidyledger.contract.overpayment.OverpaymentAdjusted;
import org.subsidyledger.contract.overpayment.OverpaymentCancelled;
import org.subsidyledger.contract.overpayment.OverpaymentIdentified;
import org.subsidyledger.contract.value.Money;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.AdjustOverpayment;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.ArrangeDeduction;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.DeductFromPayment;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.EndDeduction;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.RecordRefund;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.ReverseRepayment;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.CancelOverpayment;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.DecideCancellation;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.DecideWriteOff;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.ProposeCancellation;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.ProposeWriteOff;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.RecordRepayment;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.IdentifyOverpayment;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.AgreeInstalments;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.DecideAppeal;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.FileAppeal;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.GenerateNotice;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.RecordContact;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.RecordNoticeDelivery;
import org.subsidyledger.contract.value.BusinessDates;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;

/**
 * An overpayment case (追回 case): the payments a fact showed were not due, for one recipient, program and fact. It
 * is long (nearly 800 lines) on purpose: every rule about a case's money — adjustments, repayments and their
 * reversal, refunds, write-offs with two people, deductions — and the recovery procedure that holds them back
 * (notices, the deduction wait, appeals, instalments: rule 14) decide against the same state in one consistency
 * boundary, and splitting it would spread one invariant (nothing recovered or written off beyond what is outstanding,
 * nothing deducted before its time) over classes. It keeps the payments it claims (by batch) and its amount; months
 * are added or removed only by compensating adjustments that say why, and a case raised in error is cancelled, never
 * deleted.
 *
 * <p>Its money: {@code amount} overpaid, {@code recovered} (repayments and deductions, less reversals and refunds)
 * and {@code writtenOff}. Nothing recovers or writes off more than is outstanding. When an adjustment brings the
 * amount below what was recovered and written off, the write-off that is no longer needed is released first; what was
 * recovered beyond the new amount — everything recovered, for a cancelled case — is owed back to the recipient
 * ({@link #refundDue()}) until a refund is recorded.
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
    private String recipientId;
    private String programCode;
    private final Map<String, Repayment> repayments = new HashMap<>();
    private final Set<String> refunds = new HashSet<>();
    /** The most deducted from one later payment, or 0 when the case is not recovered by deduction. */
    private long deductionCapFen;
    /** The write-off waiting for approval and who proposed it, or null. */
    private WriteOffProposed pendingWriteOff;
    private String pendingProposer;
    /** The cancellation waiting for approval and who proposed it, or null. */
    private CancellationProposed pendingCancellation;
    private String cancellationProposer;
    /** The longest evidence reference (a receipt or bank transaction number) a person may give. */
    static final int MAX_REFERENCE = 200;
    /** The longest text a person may write on a case: a contact's outcome, an appeal's reason or decision. */
    static final int MAX_TEXT = 1000;
    // The recovery procedure (rule 14)
    private FactKind cause;
    private String ruleDescription;
    /** Notices generated: id → the notice; delivered ones are in {@link #deliveredNotices}. */
    private final Map<String, RecoveryNoticeGenerated> notices = new HashMap<>();
    private final Set<String> deliveredNotices = new HashSet<>();
    /** From the first delivery: the first day a deduction may be taken, and the last day to appeal; else null. */
    private LocalDate deductionsFrom;
    private LocalDate appealDeadline;
    /** The recipient agreed to the current deduction arrangement: it need not wait for the notice. */
    private boolean recipientAgreed;
    /** The appeal waiting for a decision and who filed it, or null. */
    private AppealFiled openAppeal;
    private String appellantRecorder;

    private record Repayment(long amountFen, RepaymentMethod method, boolean reversed) {
    }

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
        apply(adjustment(command.added(), command.removed(), command.reason()));
    }

    /** The adjustment adding and removing payments, after its checks. */
    private OverpaymentAdjusted adjustment(List<OverpaidMonth> addedMonths, List<OverpaidMonth> removedMonths,
                                           String why) {
        requireOpen();
        if (addedMonths.isEmpty() && removedMonths.isEmpty()) {
            throw new LedgerException(ErrorCode.NOTHING_TO_CORRECT, "the adjustment adds and removes nothing");
        }
        long amount = amountFen;
        Map<String, OverpaidMonth> after = new LinkedHashMap<>(months);
        for (OverpaidMonth removed : removedMonths) {
            if (after.remove(removed.batchId()) == null) {
                throw new LedgerException(ErrorCode.INVALID_ROWS, "case " + caseId + " has no payment of batch "
                        + removed.batchId() + " to remove");
            }
            amount -= removed.amountFen();
        }
        for (OverpaidMonth added : addedMonths) {
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
        long released = writeOffReleasedAt(amount);
        return new OverpaymentAdjusted(caseId, addedMonths, removedMonths, amount, amountFen, reason(why), released,
                CaseStatus.of(amount, recoveredFen, writtenOffFen - released));
    }

    @CommandHandler
    CaseStatus handle(RecordRepayment command) {
        requireOpen();
        if (repayments.containsKey(command.repaymentId())) {
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
        String reference = evidence(command.reference());
        if (command.method() == RepaymentMethod.DEDUCTION) {
            requireDeductionAllowedOn(command.receivedOn());
        }
        requireWithinOutstanding(command.amountFen(), "repayment");
        long recovered = recoveredFen + command.amountFen();
        apply(new RepaymentRecorded(caseId, command.repaymentId(), command.amountFen(), command.receivedOn(),
                command.method(), reference, recovered,
                CaseStatus.of(amountFen, recovered, writtenOffFen), null));
        return status();
    }

    @CommandHandler
    long handle(DeductFromPayment command) {
        if (cancelled || deductionCapFen == 0 || repayments.containsKey(command.repaymentId())
                || deductionRefusalOn(command.disbursedOn()) != null) {
            return 0;
        }
        long amount = Math.min(Math.min(deductionCapFen, outstanding()), command.limitFen());
        if (amount <= 0) {
            return 0;
        }
        long recovered = recoveredFen + amount;
        apply(new RepaymentRecorded(caseId, command.repaymentId(), amount, command.disbursedOn(),
                RepaymentMethod.DEDUCTION, "batch " + command.batchId() + " line " + command.line(), recovered,
                CaseStatus.of(amountFen, recovered, writtenOffFen), new PaymentLine(command.batchId(),
                command.line())));
        return amount;
    }

    @CommandHandler
    CaseStatus handle(ReverseRepayment command) {
        Repayment repayment = repayments.get(command.repaymentId());
        if (repayment == null) {
            throw new LedgerException(ErrorCode.UNKNOWN_REPAYMENT, "case " + caseId + " has no repayment "
                    + command.repaymentId());
        }
        if (repayment.reversed()) {
            throw new LedgerException(ErrorCode.REPAYMENT_ALREADY_REVERSED, "repayment " + command.repaymentId()
                    + " of case " + caseId + " was already reversed");
        }
        if (repayment.method() == RepaymentMethod.DEDUCTION && !command.byBankReturn()) {
            throw new LedgerException(ErrorCode.INVALID_CASE_STATE, "a deduction from a payment is reversed only "
                    + "when the bank returns that payment");
        }
        if (repayment.amountFen() > recoveredFen) {
            throw new LedgerException(ErrorCode.INVALID_CASE_STATE, "repayment " + command.repaymentId()
                    + " was already refunded to the recipient; it can no longer be reversed");
        }
        long recovered = recoveredFen - repayment.amountFen();
        apply(new RepaymentReversed(caseId, command.repaymentId(), repayment.amountFen(), reason(command.reason()),
                recovered, statusWith(recovered)));
        return status();
    }

    @CommandHandler
    CaseStatus handle(RecordRefund command) {
        if (refunds.contains(command.refundId())) {
            return status();
        }
        if (command.paidOn() == null) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, "paidOn is required");
        }
        if (command.paidOn().isAfter(BusinessDates.today())) {
            throw new LedgerException(ErrorCode.INVALID_DATE, "paidOn " + command.paidOn() + " is in the future");
        }
        if (command.amountFen() <= 0) {
            throw new LedgerException(ErrorCode.INVALID_AMOUNT, "a refund has a positive amount");
        }
        if (command.amountFen() > refundDue()) {
            throw new LedgerException(ErrorCode.OVER_REFUND, "the refund of "
                    + Money.ofFen(command.amountFen()) + " is more than the "
                    + Money.ofFen(refundDue()) + " owed back on case " + caseId);
        }
        long recovered = recoveredFen - command.amountFen();
        apply(new RefundRecorded(caseId, command.refundId(), command.amountFen(), command.paidOn(),
                trimmed(command.reference()), recovered, statusWith(recovered)));
        return status();
    }

    @CommandHandler
    CaseStatus handle(ArrangeDeduction command) {
        requireOpen();
        if (outstanding() <= 0) {
            throw new LedgerException(ErrorCode.INVALID_CASE_STATE, "nothing is outstanding on case " + caseId);
        }
        if (command.share() == null || command.share().signum() <= 0 || command.share().compareTo(BigDecimal.ONE) > 0) {
            throw new LedgerException(ErrorCode.INVALID_DEDUCTION_SHARE, "the share of the standard deducted from "
                    + "each payment must be above 0 and at most 1");
        }
        long cap = command.share().multiply(BigDecimal.valueOf(command.standardFen()))
                .setScale(0, RoundingMode.DOWN).longValueExact();
        if (cap <= 0) {
            throw new LedgerException(ErrorCode.INVALID_DEDUCTION_SHARE, "a share of " + command.share()
                    + " of the standard leaves nothing to deduct");
        }
        apply(new DeductionArranged(caseId, recipientId, programCode, command.share().stripTrailingZeros()
                .toPlainString(), command.standardFen(), cap, command.recipientAgreed()));
        return status();
    }

    @CommandHandler
    CaseStatus handle(EndDeduction command) {
        if (deductionCapFen == 0) {
            throw new LedgerException(ErrorCode.DEDUCTION_NOT_ARRANGED, "case " + caseId
                    + " is not recovered by deduction");
        }
        apply(new DeductionEnded(caseId, reason(command.reason())));
        return status();
    }

    @CommandHandler
    CaseStatus handle(ProposeWriteOff command) {
        requireOpen();
        if (pendingWriteOff != null) {
            throw new LedgerException(ErrorCode.WRITE_OFF_PENDING, "write-off " + pendingWriteOff.writeOffId()
                    + " of case " + caseId + " is waiting for approval");
        }
        requireNoOpenAppeal("a write-off");
        requireWithinOutstanding(command.amountFen(), "write-off");
        String code = command.reasonCode() == null || command.reasonCode().isBlank() ? null
                : command.reasonCode().strip().toUpperCase();
        if (code != null && !WriteOffProposed.WAIVER.equals(code)) {
            throw new LedgerException(ErrorCode.INVALID_DECISION, "reasonCode must be WAIVER or left out");
        }
        apply(new WriteOffProposed(caseId, command.writeOffId(), command.amountFen(), reason(command.reason()),
                code));
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
        requireNoOpenAppeal("a write-off");
        requireWithinOutstanding(pendingWriteOff.amountFen(), "write-off");
        long writtenOff = writtenOffFen + pendingWriteOff.amountFen();
        apply(new WriteOffApproved(caseId, command.writeOffId(), pendingWriteOff.amountFen(),
                trimmed(command.comment()), writtenOff, CaseStatus.of(amountFen, recoveredFen, writtenOff)));
        return status();
    }

    /**
     * The ledger cancels a case none of whose payments is overpaid any more ({@code released}). A person cancels a
     * case raised in error only by a proposal another person approves ({@link ProposeCancellation}).
     */
    @CommandHandler
    void handle(CancelOverpayment command) {
        requireOpen();
        apply(new OverpaymentCancelled(caseId, reason(command.reason()), command.released(), writtenOffFen));
    }

    @CommandHandler
    CaseStatus handle(ProposeCancellation command) {
        requireOpen();
        if (pendingCancellation != null) {
            throw new LedgerException(ErrorCode.CANCELLATION_PENDING, "案件 " + caseId + " 已有待审批的撤销申请 "
                    + pendingCancellation.cancellationId() + "（cancellation pending approval）");
        }
        apply(new CancellationProposed(caseId, command.cancellationId(), reason(command.reason())));
        return status();
    }

    @CommandHandler
    CaseStatus handle(DecideCancellation command, @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        if (pendingCancellation == null || !pendingCancellation.cancellationId().equals(command.cancellationId())) {
            throw new LedgerException(ErrorCode.UNKNOWN_CANCELLATION, "case " + caseId + " has no cancellation "
                    + command.cancellationId() + " waiting for approval");
        }
        if (actor.equals(cancellationProposer)) {
            throw new LedgerException(ErrorCode.SEGREGATION_OF_DUTIES,
                    "撤销须由申请人以外的人审批：a cancellation must be approved by someone other than its proposer");
        }
        if (command.decision() == null) {
            throw new LedgerException(ErrorCode.INVALID_DECISION, "decision must be APPROVE or REJECT");
        }
        if (command.decision() == OverpaymentCommands.Decision.REJECT) {
            apply(new CancellationRejected(caseId, command.cancellationId(), reason(command.comment())));
            return status();
        }
        requireOpen();
        apply(new CancellationApproved(caseId, command.cancellationId(), trimmed(command.comment())));
        apply(new OverpaymentCancelled(caseId, pendingCancellation.reason(), false, writtenOffFen));
        return CaseStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(OverpaymentIdentified event) {
        caseId = event.caseId();
        recipientId = event.recipientId();
        programCode = event.programCode();
        cause = event.cause();
        ruleDescription = event.ruleDescription();
        event.months().forEach(month -> months.put(month.batchId(), month));
        amountFen = event.amountFen();
    }

    @EventSourcingHandler
    void on(OverpaymentAdjusted event) {
        event.removed().forEach(month -> months.remove(month.batchId()));
        event.added().forEach(month -> months.put(month.batchId(), month));
        amountFen = event.amountFen();
        writtenOffFen -= event.writeOffReleasedFen();
    }

    @EventSourcingHandler
    void on(CancellationProposed event, @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        pendingCancellation = event;
        cancellationProposer = actor;
    }

    @EventSourcingHandler
    void on(CancellationRejected event) {
        pendingCancellation = null;
    }

    @EventSourcingHandler
    void on(OverpaymentCancelled event) {
        cancelled = true;
        pendingWriteOff = null;
        pendingCancellation = null;
        writtenOffFen -= event.writeOffReleasedFen();
        deductionCapFen = 0;
    }

    @EventSourcingHandler
    void on(RepaymentRecorded event) {
        repayments.put(event.repaymentId(), new Repayment(event.amountFen(), event.method(), false));
        recoveredFen = event.recoveredFen();
    }

    @EventSourcingHandler
    void on(RepaymentReversed event) {
        repayments.computeIfPresent(event.repaymentId(), (id, r) -> new Repayment(r.amountFen(), r.method(), true));
        recoveredFen = event.recoveredFen();
    }

    @EventSourcingHandler
    void on(RefundRecorded event) {
        refunds.add(event.refundId());
        recoveredFen = event.recoveredFen();
    }

    @EventSourcingHandler
    void on(DeductionArranged event) {
        deductionCapFen = event.capFen();
        recipientAgreed = event.recipientAgreed();
    }

    @EventSourcingHandler
    void on(DeductionEnded event) {
        deductionCapFen = 0;
        recipientAgreed = false;
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

    // The recovery procedure (rule 14): notice, delivery, contacts, instalments, appeals

    @CommandHandler
    CaseStatus handle(GenerateNotice command) {
        requireOpen();
        if (outstanding() <= 0) {
            throw new LedgerException(ErrorCode.INVALID_CASE_STATE, "nothing is outstanding on case " + caseId
                    + ": there is nothing to give notice of");
        }
        List<OverpaidMonth> listed = months.values().stream()
                .sorted(java.util.Comparator.comparing(OverpaidMonth::period).thenComparing(OverpaidMonth::batchId))
                .toList();
        apply(new RecoveryNoticeGenerated(caseId, command.noticeId(), command.generatedOn(), listed, amountFen,
                outstanding(), cause, ruleDescription, command.appealDays(), command.deductionWaitDays(),
                command.office()));
        return status();
    }

    @CommandHandler
    CaseStatus handle(RecordNoticeDelivery command) {
        RecoveryNoticeGenerated notice = notices.get(command.noticeId());
        if (notice == null) {
            throw new LedgerException(ErrorCode.NOTICE_NOT_FOUND, "case " + caseId + " has no notice "
                    + command.noticeId());
        }
        if (deliveredNotices.contains(command.noticeId())) {
            throw new LedgerException(ErrorCode.NOTICE_ALREADY_DELIVERED, "the delivery of notice "
                    + command.noticeId() + " was already recorded");
        }
        if (command.method() == null) {
            throw new LedgerException(ErrorCode.INVALID_DELIVERY_METHOD, "method is required");
        }
        LocalDate on = pastDate(command.deliveredOn(), "deliveredOn");
        if (on.isBefore(notice.generatedOn())) {
            throw new LedgerException(ErrorCode.INVALID_DATE, "deliveredOn " + on + " is before the notice was "
                    + "generated on " + notice.generatedOn());
        }
        apply(new RecoveryNoticeDelivered(caseId, command.noticeId(), on, command.method(),
                on.plusDays(notice.deductionWaitDays()), on.plusDays(notice.appealDays())));
        return status();
    }

    @CommandHandler
    CaseStatus handle(RecordContact command) {
        if (command.method() == null) {
            throw new LedgerException(ErrorCode.INVALID_CONTACT_METHOD, "method is required: LETTER, PHONE or VISIT");
        }
        apply(new RecoveryContactRecorded(caseId, command.contactId(), pastDate(command.on(), "on"),
                command.method(), text(command.outcome(), "outcome")));
        return status();
    }

    @CommandHandler
    CaseStatus handle(AgreeInstalments command) {
        requireOpen();
        if (outstanding() <= 0) {
            throw new LedgerException(ErrorCode.INVALID_CASE_STATE, "nothing is outstanding on case " + caseId);
        }
        if (command.amountPerMonthFen() <= 0) {
            throw new LedgerException(ErrorCode.INVALID_AMOUNT, "amountPerMonth must be positive");
        }
        if (command.firstMonth() == null) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, "firstMonth is required");
        }
        apply(new InstalmentsAgreed(caseId, command.agreementId(), command.amountPerMonthFen(),
                command.firstMonth(), outstanding(), recoveredFen, command.agreedOn()));
        return status();
    }

    @CommandHandler
    CaseStatus handle(FileAppeal command) {
        requireOpen();
        requireNoOpenAppeal("another appeal");
        LocalDate on = pastDate(command.filedOn(), "filedOn");
        apply(new AppealFiled(caseId, command.appealId(), on, text(command.reason(), "reason"),
                appealDeadline == null || !on.isAfter(appealDeadline)));
        return status();
    }

    /**
     * Decides the open appeal; not by whoever recorded it. Upheld with months: those months' payments leave the
     * case (an adjustment); upheld without months, or with all of them: the case is cancelled.
     */
    @CommandHandler
    CaseStatus handle(DecideAppeal command, @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        if (openAppeal == null || !openAppeal.appealId().equals(command.appealId())) {
            throw new LedgerException(ErrorCode.UNKNOWN_APPEAL, "case " + caseId + " has no appeal "
                    + command.appealId() + " waiting for a decision");
        }
        if (actor.equals(appellantRecorder)) {
            throw new LedgerException(ErrorCode.SEGREGATION_OF_DUTIES,
                    "申诉须由登记人以外的人决定：an appeal is decided by someone other than who recorded it");
        }
        if (command.decision() == null) {
            throw new LedgerException(ErrorCode.INVALID_DECISION, "decision must be UPHELD or REJECTED");
        }
        String comment = text(command.comment(), "comment");
        List<YearMonth> named = command.months() == null ? List.of() : command.months().stream().distinct().sorted()
                .toList();
        if (command.decision() == AppealDecision.REJECTED) {
            if (!named.isEmpty()) {
                throw new LedgerException(ErrorCode.INVALID_DECISION, "a rejected appeal removes no month");
            }
            apply(new AppealDecided(caseId, command.appealId(), AppealDecision.REJECTED, comment,
                    command.decidedOn(), List.of()));
            return status();
        }
        requireOpen();
        List<OverpaidMonth> removed = months.values().stream().filter(m -> named.contains(m.period())).toList();
        for (YearMonth month : named) {
            if (removed.stream().noneMatch(m -> m.period().equals(month))) {
                throw new LedgerException(ErrorCode.INVALID_ROWS, "case " + caseId + " has no overpaid month "
                        + month);
            }
        }
        String why = "申诉成立（appeal " + command.appealId() + " upheld）：" + comment;
        if (named.isEmpty() || removed.size() == months.size()) {
            apply(new AppealDecided(caseId, command.appealId(), AppealDecision.UPHELD, comment, command.decidedOn(),
                    List.of()));
            apply(new OverpaymentCancelled(caseId, why, false, writtenOffFen));
            return CaseStatus.CANCELLED;
        }
        OverpaymentAdjusted adjusted = adjustment(List.of(), removed, why);
        apply(new AppealDecided(caseId, command.appealId(), AppealDecision.UPHELD, comment, command.decidedOn(),
                named));
        apply(adjusted);
        return status();
    }

    @EventSourcingHandler
    void on(RecoveryNoticeGenerated event) {
        notices.put(event.noticeId(), event);
    }

    @EventSourcingHandler
    void on(RecoveryNoticeDelivered event) {
        deliveredNotices.add(event.noticeId());
        if (deductionsFrom == null) {
            deductionsFrom = event.deductionsFrom();
            appealDeadline = event.appealDeadline();
        }
    }

    @EventSourcingHandler
    void on(AppealFiled event, @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        openAppeal = event;
        appellantRecorder = actor;
    }

    @EventSourcingHandler
    void on(AppealDecided event) {
        openAppeal = null;
        appellantRecorder = null;
    }

    /**
     * Why no deduction may be taken on {@code date}, or null when one may: an open appeal holds it; otherwise it
     * waits until the first delivered notice's {@code deductionsFrom}, unless the recipient agreed.
     */
    private String deductionRefusalOn(LocalDate date) {
        if (openAppeal != null) {
            return "appeal " + openAppeal.appealId() + " of case " + caseId + " is open: deductions wait for its "
                    + "decision";
        }
        if (recipientAgreed) {
            return null;
        }
        if (deductionsFrom == null) {
            return "no recovery notice of case " + caseId + " was delivered, and the recipient did not agree to "
                    + "deductions";
        }
        return date.isBefore(deductionsFrom) ? "deductions on case " + caseId + " start on " + deductionsFrom
                + ", after the notice's delivery and the waiting period" : null;
    }

    private void requireDeductionAllowedOn(LocalDate date) {
        String refusal = deductionRefusalOn(date);
        if (refusal != null) {
            throw new LedgerException(openAppeal != null ? ErrorCode.APPEAL_OPEN : ErrorCode.DEDUCTION_TOO_EARLY,
                    refusal);
        }
    }

    private void requireNoOpenAppeal(String what) {
        if (openAppeal != null) {
            throw new LedgerException(ErrorCode.APPEAL_OPEN, "appeal " + openAppeal.appealId() + " of case "
                    + caseId + " is waiting for a decision: " + what + " waits for it");
        }
    }

    private static LocalDate pastDate(LocalDate date, String name) {
        if (date == null) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, name + " is required");
        }
        if (date.isAfter(BusinessDates.today())) {
            throw new LedgerException(ErrorCode.INVALID_DATE, name + " " + date + " is in the future");
        }
        return date;
    }

    private static String text(String text, String name) {
        if (text == null || text.isBlank()) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, name + " is required");
        }
        if (text.strip().length() > MAX_TEXT) {
            throw new LedgerException(ErrorCode.TEXT_TOO_LONG, name + " is longer than " + MAX_TEXT + " characters");
        }
        return text.strip();
    }

    /** The case's status now. */
    CaseStatus status() {
        return statusWith(recoveredFen);
    }

    private CaseStatus statusWith(long recovered) {
        return cancelled ? CaseStatus.CANCELLED : CaseStatus.of(amountFen, recovered, writtenOffFen);
    }

    /** What is still to be recovered: 0 for a cancelled case. */
    private long outstanding() {
        return cancelled ? 0 : Math.max(0, amountFen - recoveredFen - writtenOffFen);
    }

    /** What was recovered beyond what the case now owes, owed back to the recipient. */
    private long refundDue() {
        return cancelled ? recoveredFen : Math.max(0, recoveredFen + writtenOffFen - amountFen);
    }

    /** The part of the approved write-offs not needed any more once the case's amount is {@code newAmount}. */
    private long writeOffReleasedAt(long newAmount) {
        return Math.max(0, Math.min(writtenOffFen, recoveredFen + writtenOffFen - newAmount));
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
        long outstanding = outstanding();
        if (amount > outstanding) {
            throw new LedgerException(ErrorCode.OVER_RECOVERY, "the " + what + " of "
                    + Money.ofFen(amount) + " is more than the "
                    + Money.ofFen(outstanding)
                    + " outstanding on case " + caseId);
        }
    }

    /**
     * The evidence of money a person says came back: the receipt or bank transaction number, required (a deduction
     * the ledger takes at disbursement names its batch line instead).
     */
    private static String evidence(String reference) {
        if (reference == null || reference.isBlank()) {
            throw new LedgerException(ErrorCode.MISSING_EVIDENCE, "追回须附凭证：reference (the receipt or bank "
                    + "transaction number) is required for a repayment");
        }
        if (reference.strip().length() > MAX_REFERENCE) {
            throw new LedgerException(ErrorCode.TEXT_TOO_LONG, "reference is longer than " + MAX_REFERENCE
                    + " characters");
        }
        return reference.strip();
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
