package org.subsidyledger.contract.batch;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * One part (at most {@link #MAX_PART_SIZE} lines) of the accepted lines of a posted batch. A line becomes a payment
 * only when its batch is disbursed and stops being one when the bank returns it.
 *
 * @param part 0-based number of this part
 */
@Revision("1")
public record BatchLinesRecorded(String batchId, String programCode, int part, List<Line> lines) {

    public static final int MAX_PART_SIZE = 1_000;

    /** Whether a line pays the recipient's standard, less (不足额) or more (超额). */
    public enum Mark { FULL, SHORT, OVER }

    /**
     * @param line         the line in the file (header = 1) or the 1-based position in the JSON list
     * @param amountFen    the amount to pay, 分, positive
     * @param standardFen  what is due for the line at posting time, 分: the month's standard for a monthly line, the
     *                     open arrears of the month for a 补发 line, the amount itself for a one-off line
     * @param settlesMonth a 补发 line: the earlier month whose arrears it pays (rule 9); null otherwise (and in events
     *                     recorded before it existed)
     * @param benefit      a one-off line: {@code FUNERAL_GRANT} or {@code ACCOUNT_BALANCE} (rule 13); null for a
     *                     monthly line
     */
    public record Line(int line, String recipientId, String name, long amountFen, long standardFen, Mark mark,
                       java.time.YearMonth settlesMonth, String benefit) {

        /** A monthly line of the batch's own month. */
        public Line(int line, String recipientId, String name, long amountFen, long standardFen, Mark mark) {
            this(line, recipientId, name, amountFen, standardFen, mark, null, null);
        }

        /** Whether the line pays the batch's own month: neither 补发 nor one-off. */
        public boolean monthly() {
            return settlesMonth == null && benefit == null;
        }
    }

    public BatchLinesRecorded {
        lines = List.copyOf(lines);
    }
}
