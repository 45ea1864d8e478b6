package org.subsidyledger.contract.overpayment;

import java.time.LocalDate;
import java.time.YearMonth;
import org.axonframework.serialization.Revision;

/**
 * The recipient agreed to repay by instalments (分期还款协议): {@code amountPerMonthFen} each month from
 * {@code firstMonth} until {@code totalFen}, what was outstanding when agreed, is repaid. The instalment of a month
 * falls due at its end. Whatever is recovered after the agreement (repayments, deductions, less reversals and
 * refunds) counts against the plan; {@code recoveredFen} is what had been recovered before it. A new agreement
 * replaces the previous one.
 */
@Revision("1")
public record InstalmentsAgreed(String caseId, String agreementId, long amountPerMonthFen, YearMonth firstMonth,
                                long totalFen, long recoveredFen, LocalDate agreedOn) {
}
