package org.subsidyledger.ledger.batch;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.subsidyledger.contract.batch.BankReturnsRecorded;
import org.subsidyledger.contract.batch.BatchLinesRecorded;

/** Commands on a payout batch. Values are checked at the edge; the {@link Batch} aggregate guards the workflow. */
final class BatchCommands {

    private BatchCommands() {
    }

    /** Approve or reject at a review level or at finance. */
    enum Decision { APPROVE, REJECT }

    record PostBatch(String batchId, String programCode, YearMonth period, int reviewLevels, String source,
                     String fileSha256, List<BatchLinesRecorded.Line> lines) {
    }

    record ReviewBatch(@TargetAggregateIdentifier String batchId, int level, Decision decision, String comment) {
    }

    record DecideApproval(@TargetAggregateIdentifier String batchId, Decision decision, String comment) {
    }

    /** {@code deductions}: what is kept back from lines to recover overpayments, already recorded on the cases. */
    /** {@code closedThrough}: the last month the batch's program has closed (月结), or null. */
    record DisburseBatch(@TargetAggregateIdentifier String batchId, LocalDate disbursedOn,
                         java.util.List<org.subsidyledger.contract.batch.BatchDisbursed.Deduction> deductions,
                         YearMonth closedThrough) {

        DisburseBatch(String batchId, LocalDate disbursedOn) {
            this(batchId, disbursedOn, java.util.List.of(), null);
        }
    }

    record ResubmitBatch(@TargetAggregateIdentifier String batchId, String comment) {
    }

    record WithdrawBatch(@TargetAggregateIdentifier String batchId, String reason) {
    }

    record StopBatchLines(@TargetAggregateIdentifier String batchId, String factId,
                          org.subsidyledger.contract.fact.FactKind cause,
                          List<org.subsidyledger.contract.batch.BatchLinesStopped.Stopped> lines) {
    }

    /**
     * {@code reference}: the bank's return notice number, or null; {@code clerkWindowDays}: for how many days after
     * the disbursement a clerk may record returns (later only finance, with a reference).
     */
    record RecordBankReturns(@TargetAggregateIdentifier String batchId, String source,
                             List<BankReturnsRecorded.Returned> returns, String reference, long clerkWindowDays) {
    }
}
