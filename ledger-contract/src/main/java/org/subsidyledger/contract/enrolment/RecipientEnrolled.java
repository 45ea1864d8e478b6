package org.subsidyledger.contract.enrolment;

import java.time.YearMonth;
import org.axonframework.serialization.Revision;

/**
 * A recipient became entitled (资格) in a program from a month on. One event per recipient, also when enrolled
 * from a file; the event's aggregate is the enrolment {@code programCode/recipientId}.
 *
 * @param recipientId        the 18-character 公民身份号码, check character upper-case
 * @param region             行政区划代码 of the recipient
 * @param monthlyStandardFen the recipient's monthly standard in 分 (the program's unless given)
 * @param effectiveFrom      first month the recipient is due
 * @param source             where the enrolment came from: {@code JSON} or the uploaded file's name
 * @param line               the line of that file (header is line 1), or the 1-based position in the JSON list
 */
@Revision("1")
public record RecipientEnrolled(String enrolmentId, String programCode, String recipientId, String name,
                                String region, long monthlyStandardFen, YearMonth effectiveFrom, String source,
                                int line) {

    /** The aggregate identifier of the enrolment of {@code recipientId} in {@code programCode}. */
    public static String enrolmentIdOf(String programCode, String recipientId) {
        return programCode + "/" + recipientId;
    }
}
