package org.subsidyledger.ledger.batch;

import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.subsidyledger.ledger.infrastructure.ArrayQueries;

/**
 * What the other features of the write side may ask about payout lines, from the {@code payout_line_index} and
 * {@code batch_disbursement_index} this feature keeps ({@link BatchPostingService}, {@link PayoutIndexUpdater}): each
 * recipient's pending and paid lines, a batch's pending lines, a month's batches still in the workflow and its paid
 * lines. No other package reads those tables. The lines asked for to be changed are locked ({@code FOR UPDATE}) so a
 * disbursement or bank return cannot change them under the caller's transaction.
 */
@Component
public class PayoutLines {

    /**
     * A pending or paid line ({@code paidEventId}: the disbursement's event, null while pending); {@code settling}: a
     * 补发 line, whose {@code period} is the month it settles.
     */
    public record Line(String batchId, String programCode, YearMonth period, String recipientId, int line,
                       long amountFen, boolean paid, String paidEventId, boolean settling) {
    }

    /**
     * A paid one-off line (rule 13): {@code period} is its batch's month, {@code paidEventId} the disbursement's
     * event.
     */
    public record OneOff(String batchId, String programCode, YearMonth period, String recipientId, int line,
                         long amountFen, String benefit, String paidEventId) {
    }

    /** A pending line of a batch. */
    public record Pending(int line, String recipientId, long amountFen) {
    }

    private final JdbcTemplate jdbc;

    PayoutLines(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The pending and paid monthly and 补发 lines of {@code ids}, by recipient in month and batch order, locked; a
     * 补发 line's {@code period} is the month it settles. One-off lines are not among them.
     */
    public Map<String, List<Line>> lockedOf(String[] ids) {
        Map<String, List<Line>> lines = new HashMap<>();
        ArrayQueries.query(jdbc, """
                SELECT p.batch_id, p.program_code, coalesce(p.settles_month, p.period), p.recipient_id, p.line,
                       p.amount_fen, p.state, d.event_id, p.settles_month IS NOT NULL
                FROM payout_line_index p LEFT JOIN batch_disbursement_index d ON d.batch_id = p.batch_id
                WHERE p.recipient_id = ANY (?) AND p.state IN ('PENDING', 'PAID') AND p.benefit IS NULL
                ORDER BY p.recipient_id, coalesce(p.settles_month, p.period), p.batch_id
                FOR UPDATE OF p""", rs -> lines.computeIfAbsent(rs.getString(4), k -> new ArrayList<>())
                .add(new Line(rs.getString(1), rs.getString(2), YearMonth.from(rs.getDate(3).toLocalDate()),
                        rs.getString(4), rs.getInt(5), rs.getLong(6), rs.getString(7).equals("PAID"),
                        rs.getString(8), rs.getBoolean(9))), (Object) ids);
        return lines;
    }

    /**
     * What a recipient's month was paid, for arrears (rule 9): its monthly line (pending or paid) and the 补发 lines
     * settling it (pending or paid).
     *
     * @param monthlyFen  the monthly line's amount, 0 when there is none
     * @param paidMonthly whether that line is paid (disbursed, not returned)
     * @param settlingFen the 补发 lines' amounts
     */
    public record MonthAccount(String recipientId, YearMonth month, long monthlyFen, boolean paidMonthly,
                               String batchId, int line, String paidEventId, long settlingFen) {
    }

    /**
     * The month accounts of the program from {@code from} on — of one recipient, or of all when {@code recipientId}
     * is null — streamed to {@code sink} in no particular order (millions of months for a program-wide change): one
     * per monthly line (pending or paid), with the 补发 lines settling its month, and one per month paid by 补发 lines
     * only. The monthly lines are read as they are stored (a recipient has one per month: no grouping, no sort).
     */
    public void monthAccounts(String programCode, YearMonth from, String recipientId,
                              java.util.function.Consumer<MonthAccount> sink) {
        Map<String, Long> settling = new HashMap<>();
        String one = recipientId == null ? "" : " AND recipient_id = ?";
        Object[] parameters = recipientId == null ? new Object[]{programCode, Date.valueOf(from.atDay(1))}
                : new Object[]{programCode, Date.valueOf(from.atDay(1)), recipientId};
        jdbc.query("""
                SELECT recipient_id, settles_month, sum(amount_fen) FROM payout_line_index
                WHERE program_code = ? AND settles_month >= ? AND state IN ('PENDING', 'PAID')""" + one
                + " GROUP BY 1, 2", rs -> {
            settling.put(rs.getString(1) + " " + YearMonth.from(rs.getDate(2).toLocalDate()), rs.getLong(3));
        }, parameters);
        java.util.Set<String> monthly = new java.util.HashSet<>();
        JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
        streaming.setFetchSize(10_000);
        streaming.query("""
                SELECT p.recipient_id, (extract(year FROM p.period) * 12 + extract(month FROM p.period) - 1)::int,
                       p.amount_fen, p.state = 'PAID', p.batch_id, p.line, d.event_id
                FROM payout_line_index p
                LEFT JOIN batch_disbursement_index d ON d.batch_id = p.batch_id AND p.state = 'PAID'
                WHERE p.program_code = ? AND p.period >= ? AND p.state IN ('PENDING', 'PAID')
                  AND p.settles_month IS NULL AND p.benefit IS NULL""" + one.replace("recipient_id", "p.recipient_id"),
                rs -> {
                    String id = rs.getString(1);
                    int number = rs.getInt(2);
                    YearMonth month = YearMonth.of(number / 12, number % 12 + 1);
                    long settled = 0;
                    if (!settling.isEmpty()) {
                        String key = id + " " + month;
                        Long fen = settling.get(key);
                        if (fen != null) {
                            settled = fen;
                            monthly.add(key);
                        }
                    }
                    sink.accept(new MonthAccount(id, month, rs.getLong(3), rs.getBoolean(4), rs.getString(5),
                            rs.getInt(6), rs.getString(7), settled));
                }, parameters);
        settling.forEach((key, fen) -> {
            if (!monthly.contains(key)) {
                String[] parts = key.split(" ");
                sink.accept(new MonthAccount(parts[0], YearMonth.parse(parts[1]), 0, false, null, 0, null, fen));
            }
        });
    }

    /**
     * The pending and paid 补发 lines of the recipients settling months of the program, by "recipient month": what
     * is already paying their arrears.
     */
    public Map<String, Long> settling(String programCode, String[] ids) {
        Map<String, Long> found = new HashMap<>();
        ArrayQueries.query(jdbc, """
                SELECT recipient_id, settles_month, sum(amount_fen) FROM payout_line_index
                WHERE program_code = ? AND recipient_id = ANY (?) AND settles_month IS NOT NULL
                  AND state IN ('PENDING', 'PAID')
                GROUP BY 1, 2""", rs -> found.put(rs.getString(1) + " " + YearMonth.from(rs.getDate(2).toLocalDate()),
                rs.getLong(3)), programCode, ids);
        return found;
    }

    /**
     * The paid one-off lines of {@code ids} in every program, by recipient in the order they were disbursed (then by
     * batch), locked.
     */
    public Map<String, List<OneOff>> paidOneOffsLocked(String[] ids) {
        Map<String, List<OneOff>> lines = new HashMap<>();
        ArrayQueries.query(jdbc, """
                SELECT p.batch_id, p.program_code, p.period, p.recipient_id, p.line, p.amount_fen, p.benefit, d.event_id
                FROM payout_line_index p JOIN batch_disbursement_index d ON d.batch_id = p.batch_id
                WHERE p.recipient_id = ANY (?) AND p.state = 'PAID' AND p.benefit IS NOT NULL
                ORDER BY p.recipient_id, d.disbursed_on, p.batch_id
                FOR UPDATE OF p""", rs -> lines.computeIfAbsent(rs.getString(4), k -> new ArrayList<>())
                .add(new OneOff(rs.getString(1), rs.getString(2), YearMonth.from(rs.getDate(3).toLocalDate()),
                        rs.getString(4), rs.getInt(5), rs.getLong(6), rs.getString(7), rs.getString(8))),
                (Object) ids);
        return lines;
    }

    /** The batch's pending funeral grants (rule 13), in line order, locked. */
    public List<Pending> pendingFuneralGrantsLocked(String batchId) {
        return jdbc.query("""
                SELECT line, recipient_id, amount_fen FROM payout_line_index
                WHERE batch_id = ? AND state = 'PENDING' AND benefit = 'FUNERAL_GRANT'
                ORDER BY line
                FOR UPDATE""", (rs, n) -> new Pending(rs.getInt(1), rs.getString(2), rs.getLong(3)), batchId);
    }

    /** The batch's pending monthly lines of {@code ids}, in line order, locked. */
    public List<Pending> pendingMonthlyLocked(String batchId, String[] ids) {
        return pendingLocked(batchId, ids, " AND benefit IS NULL AND settles_month IS NULL");
    }

    /** The batch's pending 补发 lines by the month each settles, in line order, locked. */
    public Map<YearMonth, List<Pending>> pendingSettlingLocked(String batchId) {
        Map<YearMonth, List<Pending>> pending = new java.util.TreeMap<>();
        jdbc.query("""
                        SELECT line, recipient_id, amount_fen, settles_month FROM payout_line_index
                        WHERE batch_id = ? AND state = 'PENDING' AND settles_month IS NOT NULL
                        ORDER BY line
                        FOR UPDATE""", rs -> {
            pending.computeIfAbsent(YearMonth.from(rs.getDate(4).toLocalDate()), m -> new ArrayList<>())
                    .add(new Pending(rs.getInt(1), rs.getString(2), rs.getLong(3)));
        }, batchId);
        return pending;
    }

    /** The batch's pending lines of {@code ids}, in line order, locked. */
    public List<Pending> pendingLocked(String batchId, String[] ids) {
        return pendingLocked(batchId, ids, "");
    }

    private List<Pending> pendingLocked(String batchId, String[] ids, String condition) {
        List<Pending> pending = new ArrayList<>();
        ArrayQueries.query(jdbc, """
                        SELECT line, recipient_id, amount_fen FROM payout_line_index
                        WHERE batch_id = ? AND state = 'PENDING' AND recipient_id = ANY (?)""" + condition + """

                        ORDER BY line
                        FOR UPDATE""", rs -> pending.add(new Pending(rs.getInt(1), rs.getString(2), rs.getLong(3))),
                batchId, ids);
        return pending;
    }

    /** The batches of the program's month with lines still pending (in the workflow), in id order. */
    public List<String> batchesInWorkflow(String programCode, YearMonth period) {
        return jdbc.queryForList("""
                SELECT DISTINCT batch_id FROM payout_line_index
                WHERE program_code = ? AND period = ? AND state = 'PENDING' ORDER BY batch_id""", String.class,
                programCode, Date.valueOf(period.atDay(1)));
    }

    /** How many lines of the program's month are paid. */
    public long paid(String programCode, YearMonth period) {
        Long paid = jdbc.queryForObject("""
                SELECT count(*) FROM payout_line_index WHERE program_code = ? AND period = ? AND state = 'PAID'""",
                Long.class, programCode, Date.valueOf(period.atDay(1)));
        return paid == null ? 0 : paid;
    }

    /** The program and month of a batch's lines, if it has any (one query, any line). */
    public Map.Entry<String, YearMonth> programAndPeriod(String batchId) {
        return jdbc.query("SELECT program_code, period FROM payout_line_index WHERE batch_id = ? LIMIT 1",
                (rs, n) -> Map.entry(rs.getString(1), YearMonth.from(rs.getDate(2).toLocalDate())), batchId)
                .stream().findFirst().orElse(null);
    }
}
