package org.subsidyledger.ledger.batch;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.batch.BatchLinesRecorded;
import org.subsidyledger.contract.batch.BatchLinesRecorded.Mark;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.ledger.fact.ActiveFacts;
import org.subsidyledger.ledger.standard.Arrears;

/**
 * The 补发 lines of a posted batch (rule 9, docs/rules.md): each pays the open arrears of the month it settles — the
 * arrears recorded for it less the 补发 lines already pending or paid for it. A month with none is rejected
 * {@code NO_ARREAR}; a month not due (a death or suspension known now) {@code NOT_DUE}; a withheld month is
 * due, and its arrears once released are paid like any. The line's standard is the open
 * amount, and it is marked short or over against it like any line.
 */
@Component
class SettlingLines {

    private final Arrears arrears;
    private final PayoutLines payoutLines;
    private final ActiveFacts facts;

    SettlingLines(Arrears arrears, PayoutLines payoutLines, ActiveFacts facts) {
        this.arrears = arrears;
        this.payoutLines = payoutLines;
        this.facts = facts;
    }

    /**
     * The lines accepted, each with what is due for it and its mark; every other line is added to {@code rejected}.
     * The lines given are valid, enrolled in the program and within the caller's scope.
     */
    List<BatchLinesRecorded.Line> accept(String programCode, YearMonth period, List<BatchLinesRecorded.Line> lines,
                                         List<LineProblem> rejected) {
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> ids = lines.stream().map(BatchLinesRecorded.Line::recipientId).toList();
        Map<String, Long> owed = arrears.owed(programCode, ids);
        Map<String, Long> paying = payoutLines.settling(programCode, ids.toArray(String[]::new));
        Map<YearMonth, Map<String, ActiveFacts.Cause>> notDue = new java.util.HashMap<>();
        List<BatchLinesRecorded.Line> accepted = new ArrayList<>();
        for (BatchLinesRecorded.Line line : lines) {
            String id = line.recipientId();
            YearMonth month = line.settlesMonth();
            ActiveFacts.Cause cause = notDue.computeIfAbsent(month, m -> facts.notDueIn(programCode, m)).get(id);
            String key = id + " " + month;
            long open = owed.getOrDefault(key, 0L) - paying.getOrDefault(key, 0L);
            // A withheld month is due: once released, its arrears are exactly what a 补发 line pays.
            if (cause != null && !cause.withheld()) {
                rejected.add(new LineProblem(line.line(), id, ErrorCode.NOT_DUE.name(), "recipient " + id
                        + " is not due for " + month + ": " + cause.kind() + " (fact " + cause.factId() + ")"));
            } else if (open <= 0) {
                rejected.add(new LineProblem(line.line(), id, ErrorCode.NO_ARREAR.name(), "recipient " + id
                        + " has no open arrears for " + month + " (该月无待补发金额)"));
            } else {
                Mark mark = line.amountFen() > open ? Mark.OVER : line.amountFen() < open ? Mark.SHORT : Mark.FULL;
                accepted.add(new BatchLinesRecorded.Line(line.line(), id, line.name(), line.amountFen(), open, mark,
                        month, null));
            }
        }
        return accepted;
    }
}
