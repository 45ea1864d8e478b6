package org.subsidyledger.contract.fact;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * The dates of a fact were wrong and are corrected. Dates are given as the fact's span (see
 * {@link NotDueMonths#of}): for a death {@code from} is the date of death; for a suspension the first and last days;
 * for a duplicate claim the first days of its first and last months; for an end of enrolment the first day of the
 * last month due. {@code previous*} are the dates being corrected.
 */
@Revision("1")
public record FactCorrected(String factId, String recipientId, FactKind kind, LocalDate from, LocalDate to,
                            LocalDate previousFrom, LocalDate previousTo, String reason) {
}
