package org.subsidyledger.contract.overpayment;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A recovery notice was delivered (送达) to the recipient. The first delivery of a case starts its clocks: deductions
 * from later benefits may start on {@code deductionsFrom} (unless the recipient agreed earlier), an appeal may be
 * filed until {@code appealDeadline}, and the ledger's aging counts from {@code deliveredOn}.
 *
 * @param deliveredOn    the business date of delivery
 * @param method         how it was delivered
 * @param deductionsFrom the first date a deduction may be taken: {@code deliveredOn} + the wait of the notice
 * @param appealDeadline the last day to appeal: {@code deliveredOn} + the appeal days of the notice
 */
@Revision("1")
public record RecoveryNoticeDelivered(String caseId, String noticeId, LocalDate deliveredOn, DeliveryMethod method,
                                      LocalDate deductionsFrom, LocalDate appealDeadline) {
}
