package org.subsidyledger.ledger.fact;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.contract.fact.NotDueMonths;
import org.subsidyledger.ledger.infrastructure.ArrayQueries;

/**
 * What the other features of the write side may ask about facts, from the {@code life_fact_index} and
 * {@code not_due_index} this feature keeps ({@link FactIndexUpdater}): the active facts of recipients and the months
 * they make not due. No other package reads those tables.
 */
@Component
public class ActiveFacts {

    /**
     * An active fact and the months it makes not due ({@code programCode} null: in every program).
     *
     * @param recordedOrder the order facts were recorded in: the earliest fact is the cause of a stop
     * @param withheld      the fact withholds its months (rule 10) rather than making them not due
     */
    public record NotDueFact(String factId, String recipientId, String programCode, NotDueMonths months,
                             FactKind kind, LocalDate from, LocalDate to, long recordedOrder, boolean withheld) {
    }

    /** The fact that makes a month not due for a recipient, or withholds it ({@code withheld}, rule 10). */
    public record Cause(String factId, FactKind kind, boolean withheld) {
    }

    /**
     * A recipient's death as recorded: the active one, or when none is active the one retracted last ({@code active}
     * false) — what a funeral grant rests on (rule 13).
     */
    public record Death(String factId, boolean active) {
    }

    private final JdbcTemplate jdbc;

    ActiveFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The recipient a fact is about, whatever its state; empty when there is no such fact. */
    public java.util.Optional<String> recipientOf(String factId) {
        return jdbc.query("SELECT recipient_id FROM life_fact_index WHERE fact_id = ?", (rs, n) -> rs.getString(1),
                factId).stream().findFirst();
    }

    /** The active facts of {@code ids} that make months not due, in the order they were recorded. */
    public Map<String, List<NotDueFact>> of(String[] ids) {
        Map<String, List<NotDueFact>> facts = new HashMap<>();
        ArrayQueries.query(jdbc, """
                SELECT n.fact_id, n.recipient_id, n.program_code, n.from_month, n.to_month, f.kind, f.from_date,
                       f.to_date, f.recorded_order, n.cause = 'WITHHELD'
                FROM not_due_index n JOIN life_fact_index f ON f.fact_id = n.fact_id
                WHERE n.recipient_id = ANY (?) AND f.state = 'ACTIVE'
                ORDER BY f.recorded_order""", rs -> facts.computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                .add(new NotDueFact(rs.getString(1), rs.getString(2), rs.getString(3),
                        new NotDueMonths(month(rs.getDate(4)), rs.getDate(5) == null ? null : month(rs.getDate(5))),
                        FactKind.valueOf(rs.getString(6)), rs.getDate(7).toLocalDate(),
                        rs.getDate(8) == null ? null : rs.getDate(8).toLocalDate(), rs.getLong(9), rs.getBoolean(10))),
                (Object) ids);
        return facts;
    }

    /** The deaths of those of {@code ids} who have one recorded, active or retracted (one query). */
    public Map<String, Death> deathsOf(String[] ids) {
        Map<String, Death> deaths = new HashMap<>();
        ArrayQueries.query(jdbc, """
                SELECT DISTINCT ON (recipient_id) recipient_id, fact_id, state = 'ACTIVE' FROM life_fact_index
                WHERE recipient_id = ANY (?) AND kind = 'DEATH'
                ORDER BY recipient_id, state = 'ACTIVE' DESC, recorded_order DESC""",
                rs -> {
                    deaths.put(rs.getString(1), new Death(rs.getString(2), rs.getBoolean(3)));
                }, (Object) ids);
        return deaths;
    }

    /**
     * Every recipient not due for the program's month, with the earliest-recorded fact that makes it so; or, when no
     * fact makes it not due, the earliest that withholds it.
     */
    public Map<String, Cause> notDueIn(String programCode, YearMonth period) {
        Map<String, Cause> found = new HashMap<>();
        Date month = Date.valueOf(period.atDay(1));
        jdbc.query("""
                        SELECT n.recipient_id, n.fact_id, n.cause FROM not_due_index n
                        JOIN life_fact_index f ON f.fact_id = n.fact_id
                        WHERE (n.program_code IS NULL OR n.program_code = ?) AND n.from_month <= ?
                          AND (n.to_month IS NULL OR n.to_month >= ?)
                        ORDER BY n.cause = 'WITHHELD', f.recorded_order""",
                rs -> {
                    boolean withheld = rs.getString(3).equals("WITHHELD");
                    found.putIfAbsent(rs.getString(1), new Cause(rs.getString(2),
                            withheld ? FactKind.SUSPENSION : FactKind.valueOf(rs.getString(3)), withheld));
                }, programCode, month, month);
        return found;
    }

    /**
     * The active facts of {@code kind} of each of {@code ids} (of {@code programCode} when given): their first and last
     * dates (one query), for a comparison to tell a fact already recorded.
     */
    public Map<String, java.util.List<LocalDate[]>> spans(String[] ids, FactKind kind, String programCode) {
        Map<String, java.util.List<LocalDate[]>> found = new HashMap<>();
        org.subsidyledger.ledger.infrastructure.ArrayQueries.query(jdbc, """
                SELECT recipient_id, from_date, to_date FROM life_fact_index
                WHERE state = 'ACTIVE' AND kind = ? AND recipient_id = ANY (?)
                  AND (CAST(? AS varchar) IS NULL OR program_code = ?)""",
                rs -> {
                    found.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>()).add(new LocalDate[]{
                            rs.getDate(2).toLocalDate(), rs.getDate(3) == null ? null : rs.getDate(3).toLocalDate()});
                }, kind.name(), ids, programCode, programCode);
        return found;
    }

    private static YearMonth month(Date date) {
        return YearMonth.from(date.toLocalDate());
    }
}
