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

    record CancelOverpayment(@TargetAggregateIdentifier String caseId, String reason) {
    }
}
