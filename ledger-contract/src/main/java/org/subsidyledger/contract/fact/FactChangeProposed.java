package org.subsidyledger.contract.fact;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * The retraction or correction of a fact behind a live overpayment case was proposed (the proposer is the event's
 * actor). It changes nothing until someone else approves it: then {@code FactChangeApproved} and the
 * {@code FactRetracted} or {@code FactCorrected} it leads to are recorded together.
 *
 * @param change a {@code RETRACTION} or a {@code CORRECTION}
 * @param from   for a correction, the new span's first date (see {@link NotDueMonths#of}); null for a retraction
 * @param to     for a correction, the new span's last date, or null
 */
@Revision("1")
public record FactChangeProposed(String factId, String recipientId, FactKind kind, String changeId, Change change,
                                 LocalDate from, LocalDate to, String reason) {

    /** What the proposal would do to the fact. */
    public enum Change { RETRACTION, CORRECTION }
}
