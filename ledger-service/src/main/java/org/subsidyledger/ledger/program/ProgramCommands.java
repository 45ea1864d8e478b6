package org.subsidyledger.ledger.program;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands of the program aggregate; amounts in 分. */
final class ProgramCommands {

    private ProgramCommands() {
    }

    /**
     * {@code requiredReviewLevels}: what the program's region requires ({@link ReviewLevelPolicy});
     * {@code reviewLevelsReason}: the reason given to approve fewer levels, or null.
     */
    record CreateProgram(String code, String name, String region, long monthlyStandardFen, int deadlineDay,
                         int reviewLevels, int requiredReviewLevels, String reviewLevelsReason,
                         java.util.List<org.subsidyledger.contract.program.AgeSupplement> ageSupplements,
                         int certificationMonths) {

        CreateProgram(String code, String name, String region, long monthlyStandardFen, int deadlineDay,
                      int reviewLevels, int requiredReviewLevels, String reviewLevelsReason) {
            this(code, name, region, monthlyStandardFen, deadlineDay, reviewLevels, requiredReviewLevels,
                    reviewLevelsReason, java.util.List.of(), 0);
        }
    }

    record SetAnnualPlan(@TargetAggregateIdentifier String code, int year, long plannedRecipients,
                         int plannedPayouts, long budgetFen, String reason) {
    }

    record CloseMonth(@TargetAggregateIdentifier String code, java.time.YearMonth month,
                      org.subsidyledger.contract.program.MonthClosed.Figures figures, String reason) {
    }

    record RecordFundsReceived(@TargetAggregateIdentifier String code, String trancheId, int year, long amountFen,
                               LocalDate receivedOn, String reference) {
    }
}
