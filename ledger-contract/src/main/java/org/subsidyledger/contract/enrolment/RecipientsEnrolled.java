package org.subsidyledger.contract.enrolment;

import java.time.YearMonth;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Recipients became entitled (资格) in a program, each from a month on. One enrolment list (a JSON request or an
 * uploaded file) is one aggregate, {@code enrolmentListId}; its accepted rows are recorded in parts of at most
 * {@link #MAX_PART_SIZE} rows, one event per part, all in the same transaction. Each row keeps the line it came from,
 * so every enrolment can be traced to its event and its line of the file.
 *
 * @param source the uploaded file's name, or {@code JSON}
 * @param part   0-based number of this part (also the event's sequence number in the list)
 * @param parts  how many parts the list has
 */
@Revision("1")
public record RecipientsEnrolled(String enrolmentListId, String programCode, String source, int part, int parts,
                                 List<Enrolment> enrolments) {

    public static final int MAX_PART_SIZE = 1_000;

    /**
     * @param line               the line of the file (header is line 1), or the 1-based position in the JSON list
     * @param recipientId        the 18-character 公民身份号码, check character upper-case
     * @param region             行政区划代码 of the recipient
     * @param monthlyStandardFen the recipient's monthly standard in 分 (the program's unless given)
     * @param effectiveFrom      first month the recipient is due
     * @param individualStandard whether {@code monthlyStandardFen} is the recipient's own (given, and different from
     *                           the program's), which the program's standard changes leave alone (rule 9); null in
     *                           events recorded before it existed: own when different from the program's standard
     */
    public record Enrolment(int line, String recipientId, String name, String region, long monthlyStandardFen,
                            YearMonth effectiveFrom, Boolean individualStandard) {

        /** An enrolment at the program's standard. */
        public Enrolment(int line, String recipientId, String name, String region, long monthlyStandardFen,
                         YearMonth effectiveFrom) {
            this(line, recipientId, name, region, monthlyStandardFen, effectiveFrom, false);
        }
    }

    public RecipientsEnrolled {
        enrolments = List.copyOf(enrolments);
    }
}
