package org.subsidyledger.contract.batch;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The bank paid the approved batch. From here each of its lines is a payment of its recipient for the batch's
 * month, until the bank returns it.
 *
 * <p>A line may have had part of it deducted to recover an overpayment (从后续待遇中扣减): the line stays a payment of
 * its gross amount, the recipient's bank account received the gross amount less the deduction, and the overpayment
 * case records the same deduction as a repayment ({@code RepaymentRecorded} naming this batch line).
 *
 * @param disbursedOn business date of the payment (the recorded time is the event's timestamp)
 * @param totalFen    the gross total of the paid lines
 * @param deductions  the deductions taken from lines of this batch (empty in events recorded before deductions)
 * @param deductedFen their total; the bank transferred {@code totalFen − deductedFen}
 */
@Revision("1")
public record BatchDisbursed(String batchId, String programCode, LocalDate disbursedOn, int lineCount,
                             long totalFen, List<Deduction> deductions, long deductedFen) {

    /** Part of one line kept back to recover an overpayment case. */
    public record Deduction(int line, String recipientId, String caseId, String repaymentId, long amountFen) {
    }

    public BatchDisbursed {
        deductions = deductions == null ? List.of() : List.copyOf(deductions);
    }
}
