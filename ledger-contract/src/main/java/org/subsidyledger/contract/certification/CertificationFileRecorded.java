package org.subsidyledger.contract.certification;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A certification file (认证名单, docs/rules.md rule 11) was processed. Rows matched to an enrolled recipient under
 * the enrolled name were recorded as {@link CertificationRecorded} naming this file; every other row is kept here
 * with why it was not recorded, so that no row of the file is lost.
 *
 * @param rows         data rows in the file
 * @param recorded     certifications recorded from it
 * @param alreadyKnown rows naming a certification already recorded (same recipient, program and date)
 * @param notRecorded  the rows not recorded, with a code (UNMATCHED, NAME_MISMATCH, INVALID_ID, INVALID_DATE…)
 */
@Revision("1")
public record CertificationFileRecorded(String fileId, String fileName, String fileSha256, String programCode,
                                        int rows, int recorded, int alreadyKnown, List<FileRow> notRecorded) {

    /** A row of the file as it was read, and why it was not recorded. */
    public record FileRow(int line, String recipientId, String name, String certifiedOn, String method, String code,
                      String message) {
    }

    public CertificationFileRecorded {
        notRecorded = List.copyOf(notRecorded);
    }
}
