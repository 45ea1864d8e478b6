package org.subsidyledger.ledger.overpayment;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.contract.overpayment.AppealDecision;
import org.subsidyledger.contract.overpayment.ContactMethod;
import org.subsidyledger.contract.overpayment.DeliveryMethod;
import org.subsidyledger.contract.overpayment.NoticeOffice;
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

    /** {@code reasonCode}: {@code WAIVER} for a waiver (减免), else null. */
    record ProposeWriteOff(@TargetAggregateIdentifier String caseId, String writeOffId, long amountFen,
                           String reason, String reasonCode) {
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

    record ArrangeDeduction(@TargetAggregateIdentifier String caseId, java.math.BigDecimal share, long standardFen,
                            boolean recipientAgreed) {
    }

    // The recovery procedure (rule 14)

    /** {@code appealDays} and {@code deductionWaitDays} are the settings in force, printed on the notice. */
    record GenerateNotice(@TargetAggregateIdentifier String caseId, String noticeId, LocalDate generatedOn,
                          int appealDays, int deductionWaitDays, NoticeOffice office) {
    }

    record RecordNoticeDelivery(@TargetAggregateIdentifier String caseId, String noticeId, LocalDate deliveredOn,
                                DeliveryMethod method) {
    }

    record RecordContact(@TargetAggregateIdentifier String caseId, String contactId, LocalDate on,
                         ContactMethod method, String outcome) {
    }

    record AgreeInstalments(@TargetAggregateIdentifier String caseId, String agreementId, long amountPerMonthFen,
                            YearMonth firstMonth, LocalDate agreedOn) {
    }

    record FileAppeal(@TargetAggregateIdentifier String caseId, String appealId, LocalDate filedOn, String reason) {
    }

    /** {@code months}: for an upheld appeal, the months found due after all; empty to cancel the case. */
    record DecideAppeal(@TargetAggregateIdentifier String caseId, String appealId, AppealDecision decision,
                        String comment, LocalDate decidedOn, List<YearMonth> months) {
    }

    record EndDeduction(@TargetAggregateIdentifier String caseId, String reason) {
    }
}
