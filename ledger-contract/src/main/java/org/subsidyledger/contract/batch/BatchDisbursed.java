package org.subsidyledger.contract.batch;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * The bank paid the approved batch. From here each of its lines is a payment of its recipient for the batch's
 * month, until the bank returns it.
 *
 * @param disbursedOn business date of the payment (the recorded time is the event's timestamp)
 */
@Revision("1")
public record BatchDisbursed(String batchId, String programCode, LocalDate disbursedOn, int lineCount,
                             long totalFen) {
}
