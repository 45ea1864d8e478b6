package org.subsidyledger.contract.certification;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A recipient certified being alive (生存认证, rule 11) on {@code certifiedOn}, a business date not after the day it
 * was recorded. Who recorded it is the event's actor; when, its timestamp.
 *
 * @param programCode the program it is for, or {@code null}: every program (being alive is not per program)
 * @param reference   the clerk's reference (an app's transaction number, a visit report), or {@code null}
 * @param fileId      the certification file it came from ({@link CertificationFileRecorded}), or {@code null}
 * @param fileLine    the line of that file, or {@code null}
 * @param released    per program, the months that were withheld ({@code QUALIFICATION_NOT_CONFIRMED}) when it was
 *                    recorded and that it releases: they stay due and become arrears (rule 10); empty when none
 */
@Revision("1")
public record CertificationRecorded(String certificationId, String recipientId, String programCode,
                                    LocalDate certifiedOn, CertificationMethod method, String reference,
                                    String fileId, Integer fileLine, List<Release> released) {

    /** The months of one program a certification releases, ascending. */
    public record Release(String programCode, List<YearMonth> months) {

        public Release {
            months = List.copyOf(months);
        }
    }

    public CertificationRecorded {
        released = released == null ? List.of() : List.copyOf(released);
    }
}
