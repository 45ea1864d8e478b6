package org.subsidyledger.contract.fact;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A death comparison file (殡葬/公安 data, docs/rules.md, file formats) was processed. Rows matched to a recipient were recorded as
 * {@link DeathRecorded} facts naming this comparison; every other row is kept here with why it was not recorded, so
 * that no row of the file is lost.
 *
 * @param rows           data rows in the file
 * @param recorded       deaths recorded from it
 * @param alreadyKnown   rows naming a death already recorded with the same date
 * @param notRecorded    the rows not recorded, with a code (UNMATCHED, NAME_MISMATCH, INVALID_ID…)
 */
@Revision("1")
public record DeathComparisonRecorded(String comparisonId, String source, String fileSha256, int rows, int recorded,
                                      int alreadyKnown, List<Row> notRecorded) {

    /** A row of the file as it was read, and why it was not recorded. */
    public record Row(int line, String recipientId, String name, String dateOfDeath, String source, String code,
                      String message) {
    }

    public DeathComparisonRecorded {
        notRecorded = List.copyOf(notRecorded);
    }
}
