package org.subsidyledger.contract.standard;

import java.time.YearMonth;
import org.axonframework.serialization.Revision;

/**
 * A monthly standard changed from a month on (调标), recorded at any time later — often retroactively. For the whole
 * program ({@code recipientId} null) or one recipient's individual standard in it. A later change from the same or an
 * earlier month does not undo this one for the months after its own {@code from}: for each month the change with the
 * latest {@code from} not after it applies, the later recorded of two with the same {@code from}.
 *
 * @param changeId           the change's id, its aggregate identifier
 * @param recipientId        null for a program-wide change; else the recipient whose individual standard changes
 * @param from               the first month the new standard applies to
 * @param monthlyStandardFen the new standard, 分, positive (before any age supplement)
 * @param reason             why, e.g. the document that decided it (文号)
 */
@Revision("1")
public record StandardChanged(String changeId, String programCode, String recipientId, YearMonth from,
                              long monthlyStandardFen, String reason) {
}
