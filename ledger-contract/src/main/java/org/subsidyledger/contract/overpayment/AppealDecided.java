package org.subsidyledger.contract.overpayment;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * An appeal was decided. A rejected appeal lets deductions and write-offs resume. An upheld one is followed, in the
 * same unit of work, by the correction it orders: an {@code OverpaymentAdjusted} removing {@code removedMonths}, or,
 * when no month is named (or every month is), an {@code OverpaymentCancelled}.
 *
 * @param decidedOn     the business date of the decision
 * @param removedMonths the months the upheld appeal found were due after all; empty for a cancellation or a rejection
 */
@Revision("1")
public record AppealDecided(String caseId, String appealId, AppealDecision decision, String comment,
                            LocalDate decidedOn, List<YearMonth> removedMonths) {

    public AppealDecided {
        removedMonths = removedMonths == null ? List.of() : List.copyOf(removedMonths);
    }
}
