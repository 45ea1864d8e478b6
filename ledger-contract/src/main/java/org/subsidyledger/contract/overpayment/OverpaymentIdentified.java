package org.subsidyledger.contract.overpayment;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.subsidyledger.contract.fact.FactKind;

/**
 * Payments already made for months that a fact makes not due: an overpayment (冒领/多领), which opens a recovery
 * case (待追回). One case per fact and program.
 *
 * @param rule            the stable code of the rule applied
 * @param ruleDescription the rule as applied to this fact, in words
 * @param amountFen       the sum of the months, 分
 * @param identifiedOn    the business date it was identified
 */
@Revision("1")
public record OverpaymentIdentified(String caseId, String recipientId, String programCode, String factId,
                                    FactKind cause, String rule, String ruleDescription, List<OverpaidMonth> months,
                                    long amountFen, LocalDate identifiedOn) {

    public OverpaymentIdentified {
        months = List.copyOf(months);
    }
}
