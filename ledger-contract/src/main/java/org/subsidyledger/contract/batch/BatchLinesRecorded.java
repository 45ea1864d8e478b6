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
     * @param line        the line in the file (header = 1) or the 1-based position in the JSON list
     * @param amountFen   the amount to pay, 分, positive
     * @param standardFen the recipient's monthly standard at posting time, 分
     */
    public record Line(int line, String recipientId, String name, long amountFen, long standardFen, Mark mark) {
    }

    public BatchLinesRecorded {
        lines = List.copyOf(lines);
    }
}
