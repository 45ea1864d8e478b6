package org.subsidyledger.contract.fact;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A recipient died. Applies to every program: the month of death is due, later months are not.
 *
 * @param source         who reported it (殡葬, 公安, 卫健, family…)
 * @param comparisonId   the death comparison that matched it, or {@code null} when recorded one by one
 * @param comparisonLine the line of that comparison file, or {@code null}
 */
@Revision("1")
public record DeathRecorded(String factId, String recipientId, LocalDate dateOfDeath, String source,
                            String comparisonId, Integer comparisonLine) {
}
