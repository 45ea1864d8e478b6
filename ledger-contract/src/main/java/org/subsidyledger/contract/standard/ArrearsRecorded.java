package org.subsidyledger.contract.standard;

import java.time.YearMonth;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * One part (at most {@link #MAX_PART_SIZE}) of the arrears (待补发) something made: months already paid or withheld
 * that are now due more than was paid (rule 9). A negative {@code differenceFen} takes back open arrears of the month
 * that a decrease made no longer due. Arrears are settled by 补发 lines naming the month ({@code settlesMonth}),
 * oldest arrear first; a bank return of such a line reopens them.
 *
 * @param sourceId the stream the arrears belong to: a {@link StandardChanged}'s change id, or a release's id
 * @param cause    {@code STANDARD_CHANGE} (调标) or {@code WITHHOLDING_RELEASED} (暂停恢复, rule 10)
 * @param causeRef what caused them: the change id, or the fact or certification that ended the withholding
 * @param part     0-based number of this part
 */
@Revision("1")
public record ArrearsRecorded(String sourceId, String programCode, String cause, String causeRef, int part,
                              List<Arrear> arrears) {

    public static final int MAX_PART_SIZE = 1_000;

    /**
     * @param dueFen        what is due for the month now, 分
     * @param paidFen       what was paid or owed for it before: the month's payment and its earlier arrears, 分
     * @param differenceFen what is owed now on top, 分
     */
    public record Arrear(String recipientId, YearMonth month, long dueFen, long paidFen, long differenceFen) {
    }

    public ArrearsRecorded {
        arrears = List.copyOf(arrears);
    }
}
