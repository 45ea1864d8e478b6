package org.subsidyledger.contract.overpayment;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * The office contacted the recipient or their family about a case (letter, phone, visit) on a business date, with
 * what came of it in words.
 */
@Revision("1")
public record RecoveryContactRecorded(String caseId, String contactId, LocalDate on, ContactMethod method,
                                      String outcome) {
}
