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
}
