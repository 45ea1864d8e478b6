package org.subsidyledger.ledger.verification;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.fact.FactKind;

/**
 * What the open suspected facts hold (rule 12), from {@code suspected_fact_index}: asked by batch posting (lines
 * refused {@code SUSPECTED}) and by disbursement (pending lines stopped).
 */
@Component
public class Suspects {

    /** An open suspected fact holding a recipient's month. */
    public record Hold(String suspectId, FactKind kind) {

        public String describe() {
            return "suspected " + kind + " (疑似" + switch (kind) {
                case DEATH -> "死亡";
                case SUSPENSION -> "服刑";
                case DUPLICATE_CLAIM -> "重复领取";
                default -> kind.name();
            } + ", suspected fact " + suspectId + ", 待两上两下核实)";
        }
    }

    private final JdbcTemplate jdbc;

    Suspects(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The recipients whose line of {@code programCode} for {@code month} an open suspected fact holds, each with the
     * earliest such fact. One query over the open ones (few: the queue, not the ledger).
     */
    public Map<String, Hold> held(String programCode, YearMonth month) {
        Map<String, Hold> held = new HashMap<>();
        Date first = Date.valueOf(month.atDay(1));
        jdbc.query("""
                SELECT recipient_id, suspect_id, kind FROM suspected_fact_index
                WHERE open AND first_month <= ? AND (last_month IS NULL OR last_month >= ?)
                  AND (program_code IS NULL OR program_code = ?)
                ORDER BY suspect_id""", rs -> {
            held.putIfAbsent(rs.getString(1), new Hold(rs.getString(2), FactKind.valueOf(rs.getString(3))));
        }, first, first, programCode);
        return held;
    }

    /** A suspected fact as the write side knows it: what the comparison said, and whether it is still open. */
    record Known(String suspectId, String recipientId, FactKind kind, String programCode, String region,
                 LocalDate from, LocalDate to, String otherScheme, String source, String comparisonId, boolean open) {
    }

    /** The suspected fact, or {@code null}. */
    Known find(String suspectId) {
        return jdbc.query("""
                SELECT suspect_id, recipient_id, kind, program_code, region, from_date, to_date, other_scheme, source,
                       comparison_id, open
                FROM suspected_fact_index WHERE suspect_id = ?""", rs -> rs.next() ? new Known(rs.getString(1),
                rs.getString(2), FactKind.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                rs.getDate(6).toLocalDate(), rs.getDate(7) == null ? null : rs.getDate(7).toLocalDate(),
                rs.getString(8), rs.getString(9), rs.getString(10), rs.getBoolean(11)) : null, suspectId);
    }

    /** The recipients among {@code ids} with an open suspected fact of {@code kind} (for DUPLICATE_CLAIM: of the program). */
    java.util.Set<String> openOf(String[] ids, FactKind kind, String programCode) {
        java.util.Set<String> open = new java.util.HashSet<>();
        org.subsidyledger.ledger.infrastructure.ArrayQueries.query(jdbc, """
                SELECT recipient_id FROM suspected_fact_index
                WHERE open AND kind = ? AND recipient_id = ANY (?)
                  AND (program_code IS NULL OR program_code = coalesce(CAST(? AS varchar), program_code))""",
                rs -> {
                    open.add(rs.getString(1));
                }, kind.name(), ids, programCode);
        return open;
    }
}
