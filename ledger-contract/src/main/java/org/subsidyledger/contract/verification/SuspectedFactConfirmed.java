package org.subsidyledger.contract.verification;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * The region verified a suspected fact (两上两下): it is recorded as the fact {@code factId} (or was already), with
 * every consequence of rules 6 and 7; the hold ends.
 *
 * @param foundOn  the date the region found (the date of death, the first day of imprisonment or of the months drawn
 *                 elsewhere): the fact's date, which may differ from the comparison's
 * @param evidence what the region's verification rests on (a reference: 火化证明号, 判决书号, 走访记录…)
 */
@Revision("1")
public record SuspectedFactConfirmed(String suspectId, String recipientId, String factId, LocalDate foundOn,
                                     String evidence) {
}
