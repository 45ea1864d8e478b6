package org.subsidyledger.contract.program;

import org.axonframework.serialization.Revision;

/**
 * The annual plan (年度计划) of a program-year was set. A later event for the same year supersedes the earlier one:
 * {@code planVersion} counts the versions, and {@code reason} says why a version after the first was made.
 *
 * @param plannedRecipients 计划发放人数
 * @param plannedPayouts    计划发放次数 (usually 12)
 * @param budgetFen         预算资金, in 分
 * @param planVersion       1 for the first plan of the year, then 2, 3 … for each correction
 * @param reason            why the plan was corrected; {@code null} for version 1
 */
@Revision("1")
public record AnnualPlanSet(String programCode, int year, long plannedRecipients, int plannedPayouts, long budgetFen,
                            int planVersion, String reason) {
}
