package org.subsidyledger.ledger.overpayment;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.contract.overpayment.OverpaidMonth;

/** Commands on an {@link Overpayment} case. */
final class OverpaymentCommands {

    private OverpaymentCommands() {
    }

    record IdentifyOverpayment(String caseId, String recipientId, String programCode, String factId, FactKind cause,
                               String rule, String ruleDescription, List<OverpaidMonth> months,
                               LocalDate identifiedOn) {
    }

    record AdjustOverpayment(@TargetAggregateIdentifier String caseId, List<OverpaidMonth> added,
                             List<OverpaidMonth> removed, String reason) {
    }

    /** {@code released}: see {@code OverpaymentCancelled}. */
    record CancelOverpayment(@TargetAggregateIdentifier String caseId, String reason, boolean released) {
    }

    record ProposeCancellation(@TargetAggregateIdentifier String caseId, String cancellationId, String reason) {
    }

    record DecideCancellation(@TargetAggregateIdentifier String caseId, String cancellationId, Decision decision,
                              String comment) {
    }

    record RecordRepayment(@TargetAggregateIdentifier String caseId, String repaymentId, long amountFen,
                           LocalDate receivedOn, org.subsidyledger.contract.overpayment.RepaymentMethod method,
                           String reference) {
    }

    record ProposeWriteOff(@TargetAggregateIdentifier String caseId, String writeOffId, long amountFen,
                           String reason) {
    }

    enum Decision { APPROVE, REJECT }

    record DecideWriteOff(@TargetAggregateIdentifier String caseId, String writeOffId, Decision decision,
                          String comment) {
    }

    /**
     * Deduct from one disbursed payment for this case: {@code limitFen} is what the payment can still give (its gross
     * amount, less what other cases took, within the per-payment cap). Answers the amount deducted, 0 if none.
     */
    record DeductFromPayment(@TargetAggregateIdentifier String caseId, String repaymentId, String batchId, int line,
                             LocalDate disbursedOn, long limitFen) {
    }

    /** {@code byBankReturn}: the bank returned the payment a deduction was taken from. */
    record ReverseRepayment(@TargetAggregateIdentifier String caseId, String repaymentId, String reason,
                            boolean byBankReturn) {
    }

    record RecordRefund(@TargetAggregateIdentifier String caseId, String refundId, long amountFen, LocalDate paidOn,
                        String reference) {
    }

    record ArrangeDeduction(@TargetAggregateIdentifier String caseId, java.math.BigDecimal share, long standardFen) {
    }

    record EndDeduction(@TargetAggregateIdentifier String caseId, String reason) {
    }
}
