package org.subsidyledger.ledger.batch;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.subsidyledger.contract.AuditMetadata;
import org.subsidyledger.contract.batch.BankReturnsRecorded;
import org.subsidyledger.contract.batch.BatchApproved;
import org.subsidyledger.contract.batch.BatchDisbursed;
import org.subsidyledger.contract.batch.BatchLinesRecorded;
import org.subsidyledger.contract.batch.BatchLinesStopped;
import org.subsidyledger.contract.batch.BatchPosted;
import org.subsidyledger.contract.batch.BatchRejected;
import org.subsidyledger.contract.batch.BatchResubmitted;
import org.subsidyledger.contract.batch.BatchReviewed;
import org.subsidyledger.contract.batch.BatchStatus;
import org.subsidyledger.contract.batch.BatchWithdrawn;
import org.subsidyledger.ledger.batch.BatchCommands.DecideApproval;
import org.subsidyledger.ledger.batch.BatchCommands.Decision;
import org.subsidyledger.ledger.batch.BatchCommands.DisburseBatch;
import org.subsidyledger.ledger.batch.BatchCommands.PostBatch;
import org.subsidyledger.ledger.batch.BatchCommands.RecordBankReturns;
import org.subsidyledger.ledger.batch.BatchCommands.ResubmitBatch;
import org.subsidyledger.ledger.batch.BatchCommands.StopBatchLines;
import org.subsidyledger.ledger.batch.BatchCommands.ReviewBatch;
import org.subsidyledger.ledger.batch.BatchCommands.WithdrawBatch;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;

/**
 * A payout batch and its workflow (rule 5, docs/rules.md): review levels in order, each by a different reviewer and none by the
 * clerk who posted it; then finance; then disbursement, dated no earlier than the finance approval and not in a closed
 * month; then bank returns, never by the poster and, after the clerks' window, only by finance with evidence. Its lines are recorded in parts when it is posted; the
 * aggregate does not keep them: which recipient is in which batch, and in what state, is checked against the
 * write-side {@code payout_line_index} by the services, inside the same transaction. Each workflow command answers
 * the batch's status after it.
 */
@Aggregate
class Batch {

    /** Business dates are those of the offices using the ledger. */
    static final ZoneId ZONE = org.subsidyledger.contract.value.BusinessDates.ZONE;

    @AggregateIdentifier
    private String batchId;
    private String programCode;
    private String postedBy;
    private int reviewLevels;
    private BatchStatus status;
    private int levelsPassed;
    private int round;
    private final Set<String> reviewersThisRound = new HashSet<>();
    private int lineCount;
    private long totalFen;
    /** The business date of the last finance approval (its recorded time in China Standard Time). */
    private LocalDate approvedOn;
    private LocalDate disbursedOn;
    /** The longest bank return notice number recorded as evidence. */
    static final int MAX_REFERENCE = 200;

    protected Batch() {
        // for Axon
    }

    @CommandHandler
    Batch(PostBatch command) {
        if (command.lines().isEmpty()) {
            throw new LedgerException(ErrorCode.INVALID_ROWS, "a batch needs at least one accepted line");
        }
        if (command.reviewLevels() < 1 || command.reviewLevels() > 3) {
            throw new LedgerException(ErrorCode.INVALID_REVIEW_LEVELS, "review levels must be 1–3");
        }
        List<BatchLinesRecorded.Line> lines = command.lines();
        long total = 0;
        int shortCount = 0;
        int overCount = 0;
        for (BatchLinesRecorded.Line line : lines) {
            try {
                total = Math.addExact(total, line.amountFen());
            } catch (ArithmeticException e) {
                throw new LedgerException(ErrorCode.INVALID_AMOUNT, "the batch's total exceeds what the ledger can "
                        + "record (line " + line.line() + "); nothing was recorded");
            }
            shortCount += line.mark() == BatchLinesRecorded.Mark.SHORT ? 1 : 0;
            overCount += line.mark() == BatchLinesRecorded.Mark.OVER ? 1 : 0;
        }
        int size = BatchLinesRecorded.MAX_PART_SIZE;
        int parts = (lines.size() + size - 1) / size;
        apply(new BatchPosted(command.batchId(), command.programCode(), command.period(), command.reviewLevels(),
                lines.size(), total, shortCount, overCount, parts, command.source(), command.fileSha256()));
        for (int part = 0; part < parts; part++) {
            apply(new BatchLinesRecorded(command.batchId(), command.programCode(), part,
                    lines.subList(part * size, Math.min(lines.size(), (part + 1) * size))));
        }
    }

    @CommandHandler
    BatchStatus handle(ReviewBatch command, @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        requireStatus(BatchStatus.IN_REVIEW, "reviewed");
        if (command.level() != levelsPassed + 1) {
            throw new LedgerException(ErrorCode.REVIEW_OUT_OF_ORDER, "batch " + batchId + " is waiting for review level "
                    + (levelsPassed + 1) + " of " + reviewLevels + ", not level " + command.level());
        }
        if (actor.equals(postedBy)) {
            throw new LedgerException(ErrorCode.SEGREGATION_OF_DUTIES, "the clerk who posted a batch may not review it");
        }
        if (reviewersThisRound.contains(actor)) {
            throw new LedgerException(ErrorCode.SEGREGATION_OF_DUTIES,
                    actor + " already reviewed another level of this batch; each level needs a different reviewer");
        }
        if (decisionOf(command.decision(), command.comment()) == Decision.APPROVE) {
            apply(new BatchReviewed(batchId, command.level(), round, trimmed(command.comment())));
        } else {
            apply(new BatchRejected(batchId, "REVIEW", command.level(), round, command.comment().strip()));
        }
        return status;
    }

    @CommandHandler
    BatchStatus handle(DecideApproval command, @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        requireStatus(BatchStatus.REVIEWED, "approved by finance");
        if (actor.equals(postedBy) || reviewersThisRound.contains(actor)) {
            throw new LedgerException(ErrorCode.SEGREGATION_OF_DUTIES,
                    "finance approval must come from someone who neither posted nor reviewed the batch");
        }
        if (decisionOf(command.decision(), command.comment()) == Decision.APPROVE) {
            apply(new BatchApproved(batchId, trimmed(command.comment())));
        } else {
            apply(new BatchRejected(batchId, "FINANCE", 0, round, command.comment().strip()));
        }
        return status;
    }

    @CommandHandler
    BatchStatus handle(DisburseBatch command) {
        requireStatus(BatchStatus.APPROVED, "disbursed");
        if (command.disbursedOn() == null) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, "disbursedOn is required");
        }
        if (command.disbursedOn().isAfter(LocalDate.now(ZONE))) {
            throw new LedgerException(ErrorCode.INVALID_DATE, "disbursedOn " + command.disbursedOn()
                    + " is in the future; record the disbursement when the bank has paid");
        }
        if (approvedOn != null && command.disbursedOn().isBefore(approvedOn)) {
            throw new LedgerException(ErrorCode.INVALID_DATE, "发放日期 " + command.disbursedOn() + " 早于财务审批日期 "
                    + approvedOn + "：the bank cannot have paid batch " + batchId + " before finance approved it");
        }
        if (command.closedThrough() != null
                && !YearMonth.from(command.disbursedOn()).isAfter(command.closedThrough())) {
            throw new LedgerException(ErrorCode.MONTH_CLOSED, "发放日期 " + command.disbursedOn() + " 所在月份已月结：program "
                    + programCode + " is closed through " + command.closedThrough()
                    + "; a disbursement cannot be dated in a closed month");
        }
        long deducted = 0;
        Set<String> deductedLines = new HashSet<>();
        for (BatchDisbursed.Deduction deduction : command.deductions()) {
            if (deduction.amountFen() <= 0 || !deductedLines.add(deduction.line() + "/" + deduction.caseId())) {
                throw new LedgerException(ErrorCode.INVALID_AMOUNT, "deduction from line " + deduction.line()
                        + " for case " + deduction.caseId() + " is not positive or named twice");
            }
            deducted += deduction.amountFen();
        }
        if (deducted > totalFen) {
            throw new LedgerException(ErrorCode.INVALID_AMOUNT, "deductions exceed the batch's total");
        }
        apply(new BatchDisbursed(batchId, programCode, command.disbursedOn(), lineCount, totalFen,
                command.deductions(), deducted));
        return status;
    }

    @CommandHandler
    BatchStatus handle(ResubmitBatch command) {
        requireStatus(BatchStatus.RETURNED, "resubmitted");
        apply(new BatchResubmitted(batchId, round + 1, trimmed(command.comment())));
        return status;
    }

    @CommandHandler
    BatchStatus handle(WithdrawBatch command) {
        if (status != BatchStatus.IN_REVIEW && status != BatchStatus.REVIEWED && status != BatchStatus.RETURNED) {
            throw new LedgerException(ErrorCode.INVALID_BATCH_STATE,
                    "batch " + batchId + " is " + status + "; only a batch not yet approved by finance can be withdrawn");
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, "a reason is required to withdraw a batch");
        }
        apply(new BatchWithdrawn(batchId, command.reason().strip()));
        return status;
    }

    /** Lines whose month a fact made not due are taken out before the batch is paid. */
    @CommandHandler
    BatchStatus handle(StopBatchLines command) {
        if (status == BatchStatus.DISBURSED || status == BatchStatus.WITHDRAWN) {
            throw new LedgerException(ErrorCode.INVALID_BATCH_STATE, "batch " + batchId + " is " + status
                    + "; only lines not yet disbursed can be stopped");
        }
        if (command.lines().isEmpty()) {
            throw new LedgerException(ErrorCode.INVALID_ROWS, "no line to stop");
        }
        apply(new BatchLinesStopped(batchId, programCode, command.factId(), command.cause(), command.lines()));
        return status;
    }

    /**
     * Bank returns shrink what was paid, and so the overpayment cases built on those payments: the clerk who posted
     * the batch never records them, and once the clerks' window after the disbursement has passed only finance does,
     * with the bank's return notice number as evidence.
     */
    @CommandHandler
    BatchStatus handle(RecordBankReturns command, @MetaDataValue(AuditMetadata.ACTOR) String actor,
                       @MetaDataValue(AuditMetadata.ROLE) String role) {
        requireStatus(BatchStatus.DISBURSED, "returned by the bank");
        if (actor.equals(postedBy)) {
            throw new LedgerException(ErrorCode.SEGREGATION_OF_DUTIES, "提交本批次的经办员不得登记其退票：the clerk who "
                    + "posted batch " + batchId + " may not record its bank returns");
        }
        String reference = command.reference() == null || command.reference().isBlank() ? null
                : command.reference().strip();
        LocalDate windowEnds = disbursedOn.plusDays(command.clerkWindowDays());
        if (LocalDate.now(ZONE).isAfter(windowEnds)) {
            if (!"FINANCE".equals(role)) {
                throw new LedgerException(ErrorCode.SEGREGATION_OF_DUTIES, "批次发放（" + disbursedOn + "）已超过 "
                        + command.clerkWindowDays() + " 天，退票须由财务登记：finance must record the returns of batch "
                        + batchId + " after " + windowEnds + ", with the bank's return notice number as reference");
            }
            if (reference == null) {
                throw new LedgerException(ErrorCode.MISSING_EVIDENCE, "批次发放已超过 " + command.clerkWindowDays()
                        + " 天，退票须附银行退票通知书编号：reference is required after " + windowEnds);
            }
        }
        if (reference != null && reference.length() > MAX_REFERENCE) {
            throw new LedgerException(ErrorCode.TEXT_TOO_LONG, "reference is longer than " + MAX_REFERENCE
                    + " characters");
        }
        if (command.returns().isEmpty()) {
            throw new LedgerException(ErrorCode.INVALID_ROWS, "no returned line");
        }
        apply(new BankReturnsRecorded(batchId, programCode, command.source(), command.returns(), reference));
        return status;
    }

    @EventSourcingHandler
    void on(BatchPosted event, @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        batchId = event.batchId();
        programCode = event.programCode();
        postedBy = actor;
        reviewLevels = event.reviewLevels();
        status = BatchStatus.IN_REVIEW;
        round = 1;
        lineCount = event.lineCount();
        totalFen = event.totalFen();
    }

    @EventSourcingHandler
    void on(BatchReviewed event, @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        levelsPassed = event.level();
        reviewersThisRound.add(actor);
        if (levelsPassed == reviewLevels) {
            status = BatchStatus.REVIEWED;
        }
    }

    @EventSourcingHandler
    void on(BatchRejected event) {
        status = BatchStatus.RETURNED;
    }

    @EventSourcingHandler
    void on(BatchResubmitted event) {
        status = BatchStatus.IN_REVIEW;
        round = event.round();
        levelsPassed = 0;
        reviewersThisRound.clear();
    }

    @EventSourcingHandler
    void on(BatchApproved event, @Timestamp Instant recordedAt) {
        status = BatchStatus.APPROVED;
        approvedOn = org.subsidyledger.contract.value.BusinessDates.of(recordedAt);
    }

    @EventSourcingHandler
    void on(BatchDisbursed event) {
        status = BatchStatus.DISBURSED;
        disbursedOn = event.disbursedOn();
    }

    @EventSourcingHandler
    void on(BatchLinesStopped event) {
        lineCount -= event.lines().size();
        totalFen -= event.lines().stream().mapToLong(BatchLinesStopped.Stopped::amountFen).sum();
    }

    @EventSourcingHandler
    void on(BatchWithdrawn event) {
        status = BatchStatus.WITHDRAWN;
    }

    private void requireStatus(BatchStatus required, String action) {
        if (status != required) {
            throw new LedgerException(ErrorCode.INVALID_BATCH_STATE,
                    "batch " + batchId + " is " + status + " and cannot be " + action + " now");
        }
    }

    private static Decision decisionOf(Decision decision, String comment) {
        if (decision == null) {
            throw new LedgerException(ErrorCode.INVALID_DECISION, "decision must be APPROVE or REJECT");
        }
        if (decision == Decision.REJECT && (comment == null || comment.isBlank())) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, "a rejection needs a comment saying why");
        }
        return decision;
    }

    private static String trimmed(String comment) {
        return comment == null || comment.isBlank() ? null : comment.strip();
    }
}
