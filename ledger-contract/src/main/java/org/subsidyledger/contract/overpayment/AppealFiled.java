package org.subsidyledger.contract.overpayment;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * The recipient appealed (申诉) against the case. Until it is decided no deduction is taken and no write-off is
 * proposed or approved.
 *
 * @param filedOn          the business date the appeal was received
 * @param withinDeadline   whether it was filed by the appeal deadline of the delivered notice (true when no notice
 *                         was delivered yet); a late appeal is still recorded and decided
 */
@Revision("1")
public record AppealFiled(String caseId, String appealId, LocalDate filedOn, String reason, boolean withinDeadline) {
}
