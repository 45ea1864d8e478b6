package org.subsidyledger.contract.fact;

import java.time.YearMonth;
import org.axonframework.serialization.Revision;

/** The recipient's enrolment in {@code programCode} ended (终止): {@code lastDueMonth} is the last month due. */
@Revision("1")
public record EnrolmentEndRecorded(String factId, String recipientId, String programCode, YearMonth lastDueMonth,
                                   String reason) {
}
