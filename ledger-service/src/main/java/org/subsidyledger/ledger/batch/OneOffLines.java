package org.subsidyledger.ledger.batch;

import java.time.YearMonth;
import java.util.List;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.batch.BatchLinesRecorded;
import org.subsidyledger.contract.error.ErrorCode;

/**
 * The one-off lines of a posted batch (rule 13, docs/rules.md): {@code FUNERAL_GRANT} 丧葬补助金 and
 * {@code ACCOUNT_BALANCE} 个人账户余额.
 */
@Component
class OneOffLines {

    /** The one-off benefit kinds, as a line's {@code benefit} names them. */
    static final List<String> KINDS = List.of("FUNERAL_GRANT", "ACCOUNT_BALANCE");

    /**
     * The lines accepted, each with what is due for it and its mark; every other line is added to {@code rejected}.
     * The lines given are valid, enrolled in the program and within the caller's scope.
     */
    List<BatchLinesRecorded.Line> accept(String programCode, YearMonth period, List<BatchLinesRecorded.Line> lines,
                                         List<LineProblem> rejected) {
        for (BatchLinesRecorded.Line line : lines) {
            rejected.add(new LineProblem(line.line(), line.recipientId(), ErrorCode.INVALID_BENEFIT.name(),
                    "one-off lines are not accepted yet"));
        }
        return List.of();
    }
}
