package org.subsidyledger.ledger.batch;

import java.time.YearMonth;
import java.util.List;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.batch.BatchLinesRecorded;
import org.subsidyledger.contract.error.ErrorCode;

/**
 * The 补发 lines of a posted batch (rule 9, docs/rules.md): each pays the open arrears of the month it settles.
 */
@Component
class SettlingLines {

    /**
     * The lines accepted, each with what is due for it and its mark; every other line is added to {@code rejected}.
     * The lines given are valid, enrolled in the program and within the caller's scope.
     */
    List<BatchLinesRecorded.Line> accept(String programCode, YearMonth period, List<BatchLinesRecorded.Line> lines,
                                         List<LineProblem> rejected) {
        for (BatchLinesRecorded.Line line : lines) {
            rejected.add(new LineProblem(line.line(), line.recipientId(), ErrorCode.INVALID_BENEFIT.name(),
                    "补发 lines are not accepted yet"));
        }
        return List.of();
    }
}
