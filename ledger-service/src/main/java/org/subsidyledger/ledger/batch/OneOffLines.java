package org.subsidyledger.ledger.batch;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.batch.BatchLinesRecorded;
import org.subsidyledger.contract.batch.BatchLinesRecorded.Mark;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.ledger.fact.ActiveFacts;
import org.subsidyledger.ledger.infrastructure.ArrayQueries;

/**
 * The one-off lines of a posted batch (rule 13, docs/rules.md): {@code FUNERAL_GRANT} 丧葬补助金 and
 * {@code ACCOUNT_BALANCE} 个人账户余额. Each kind is due once per recipient across every program: a line of a kind the
 * recipient already has pending or paid anywhere is rejected {@code DUPLICATE_ONE_OFF} (the unique index
 * {@code ux_payout_line_one_off} settles a race); a funeral grant without an active death is rejected
 * {@code DEATH_NOT_RECORDED}. Two lines of one kind for one recipient in the same batch are refused earlier, by the
 * posting itself (a recipient has one line per batch).
 */
@Component
class OneOffLines {

    /** The one-off benefit kinds, as a line's {@code benefit} names them. */
    static final List<String> KINDS = List.of("FUNERAL_GRANT", "ACCOUNT_BALANCE");

    /** The kind that needs a recorded death. */
    static final String FUNERAL_GRANT = "FUNERAL_GRANT";

    private final JdbcTemplate jdbc;
    private final ActiveFacts facts;

    OneOffLines(JdbcTemplate jdbc, ActiveFacts facts) {
        this.jdbc = jdbc;
        this.facts = facts;
    }

    /**
     * The lines accepted, each with what is due for it and its mark; every other line is added to {@code rejected}.
     * The lines given are valid, enrolled in the program and within the caller's scope. What is due for a one-off
     * line is its amount: the ledger keeps no rate for it, so it is FULL.
     */
    List<BatchLinesRecorded.Line> accept(String programCode, YearMonth period, List<BatchLinesRecorded.Line> lines,
                                         List<LineProblem> rejected) {
        if (lines.isEmpty()) {
            return List.of();
        }
        String[] ids = lines.stream().map(BatchLinesRecorded.Line::recipientId).distinct().toArray(String[]::new);
        Map<String, String> held = held(ids);
        Map<String, ActiveFacts.Death> deaths = facts.deathsOf(ids);
        List<BatchLinesRecorded.Line> accepted = new ArrayList<>(lines.size());
        for (BatchLinesRecorded.Line line : lines) {
            String id = line.recipientId();
            String earlier = held.get(id + "/" + line.benefit());
            ActiveFacts.Death death = deaths.get(id);
            if (earlier != null) {
                rejected.add(new LineProblem(line.line(), id, ErrorCode.DUPLICATE_ONE_OFF.name(), "recipient " + id
                        + " already has " + line.benefit() + " " + earlier + " (一次性待遇每人限领一次)"));
            } else if (line.benefit().equals(FUNERAL_GRANT) && (death == null || !death.active())) {
                rejected.add(new LineProblem(line.line(), id, ErrorCode.DEATH_NOT_RECORDED.name(), "recipient " + id
                        + " has no recorded death: a funeral grant needs one (丧葬补助金须先登记死亡)"));
            } else {
                accepted.add(new BatchLinesRecorded.Line(line.line(), id, line.name(), line.amountFen(),
                        line.amountFen(), Mark.FULL, null, line.benefit()));
            }
        }
        return accepted;
    }

    /** The one-off lines pending or paid of {@code ids} in any program, by "recipient/benefit", described. */
    private Map<String, String> held(String[] ids) {
        Map<String, String> held = new HashMap<>();
        ArrayQueries.query(jdbc, """
                SELECT recipient_id, benefit, state, batch_id, program_code FROM payout_line_index
                WHERE recipient_id = ANY (?) AND benefit IS NOT NULL AND state IN ('PENDING', 'PAID')""",
                rs -> {
                    held.put(rs.getString(1) + "/" + rs.getString(2), rs.getString(3).toLowerCase()
                            + " in batch " + rs.getString(4) + " of program " + rs.getString(5));
                }, (Object) ids);
        return held;
    }
}
