package org.subsidyledger.projections.indicator;

import org.subsidyledger.contract.error.LedgerException;

import org.subsidyledger.contract.error.ErrorCode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.contract.fact.NotDueMonths;
import org.subsidyledger.projections.support.Amounts;

/**
 * The indicators of docs/indicators.md for one program and year, computed from the read models as of a moment: every row
 * counted was recorded (its event's timestamp) at or before that moment, and every later change — a bank return, a
 * fact corrected or retracted, a case adjusted or repaid — is undone. So a figure asked as of a past moment equals
 * what the ledger answered then, even after later facts (a death learned in March changes February's figures only as
 * of March).
 *
 * <p>Definitions, with their sources: docs/indicators.md.
 *
 * <p>It is over 500 lines because it still holds every indicator's query and formula; the indicator registry of issue
 * 14 (one declaration per indicator, one named query per source shared with the drill-down) is to split it.
 */
@Component
public class IndicatorCalculator {

    /** The indicators computed here; a rubric may read others, entered by an evaluator (survey figures). */
    public static final Set<String> COMPUTED = Set.of("fundsArrivalRate", "budgetExecutionRate",
            "recipientCompletionRate", "yearEndRecipientCompletionRate", "payoutCompletionRate", "dueCoverageRate", "fullPaymentRate",
            "fullPaymentAmountRate", "onTimeRate", "lateBatches", "dueNotPaidPersonMonths", "firstAttemptSuccessRate",
            "averagePerPersonMonth", "costSavingRate", "recoveryRate", "recoveryHeadcountRate",
            "overpaymentCases.DEATH", "overpaymentCases.SUSPENSION", "overpaymentCases.DUPLICATE_CLAIM",
            "overpaymentCases.ENROLMENT_END", "overpaymentAmount.DEATH", "overpaymentAmount.SUSPENSION",
            "overpaymentAmount.DUPLICATE_CLAIM", "overpaymentAmount.ENROLMENT_END");

    /**
     * One figure: {@code value} = {@code numerator ÷ denominator} for rates; amounts in 元 and counts have no
     * denominator.
     */
    public record Figure(String key, String name, String unit, String numerator, String denominator, String value) {
    }

    /**
     * One month of the year: its disbursed batches (on time or not), lines sent and returned, payments, those of at
     * least the standard, and their amount — the monthly side of the payment indicators. A closed month
     * ({@code closedAt}) shows the figures sealed at its close; the first open month after it carries, in
     * {@code adjustments}, how much the closed months' figures have changed since (returns, reissues).
     */
    public record Month(String month, long batches, long onTimeBatches, long linesSent, long linesReturned,
                        long payments, long fullPayments, String spending, String closedAt, Adjustment adjustments) {
    }

    /** The changes to closed months since their close, by figure: current minus sealed. */
    public record Adjustment(long batches, long onTimeBatches, long linesSent, long linesReturned, long payments,
                             long fullPayments, String spending) {
    }

    public record IndicatorTable(String program, int year, Instant asOf, List<Figure> indicators,
                                 List<Month> months) {
    }

    private record Plan(long recipients, int payouts, long budgetFen) {
    }

    private record Fact(String recipientId, FactKind kind, LocalDate from, LocalDate to) {
    }

    private final JdbcTemplate jdbc;

    public IndicatorCalculator(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The table as of a moment: every row counted by its recorded time. */
    public IndicatorTable compute(String program, int year, Instant asOf) {
        return compute(program, year, asOf, false);
    }

    /**
     * The table now: the same figures, with the payment side read from the running totals the batch projection keeps
     * (V13) instead of the year's lines — a dozen batch rows and one row per recipient paid.
     */
    public IndicatorTable current(String program, int year) {
        return compute(program, year, Instant.now(), true);
    }

    private IndicatorTable compute(String program, int year, Instant asOf, boolean running) {
        Timestamp at = Timestamp.from(asOf);
        Map<String, Object> programRow = program(program, asOf);
        long standardFen = ((Number) programRow.get("monthly_standard_fen")).longValue();
        int deadlineDay = ((Number) programRow.get("deadline_day")).intValue();
        Date from = Date.valueOf(LocalDate.of(year, 1, 1));
        Date to = Date.valueOf(LocalDate.of(year + 1, 1, 1));

        Plan plan = jdbc.query("""
                        SELECT planned_recipients, planned_payouts, budget_fen FROM program_plan_history_view
                        WHERE program_code = ? AND year = ? AND set_at <= ? ORDER BY plan_version DESC LIMIT 1""",
                rs -> rs.next() ? new Plan(rs.getLong(1), rs.getInt(2), rs.getLong(3)) : null, program, year, at);
        long fundsFen = jdbc.queryForObject("""
                SELECT coalesce(sum(amount_fen), 0) FROM program_funds_view
                WHERE program_code = ? AND year = ? AND recorded_at <= ?""", Long.class, program, year, at);

        // Batches disbursed as of the moment, in the year: few, so the lines are then read batch by batch.
        List<String> disbursed = new ArrayList<>();
        long[] batches = new long[4]; // batches, on time, months, last month (epoch month) or -1
        batches[3] = -1;
        Set<YearMonth> paidMonths = new HashSet<>();
        Map<YearMonth, long[]> byMonth = new TreeMap<>(); // batches, on time, sent, returned, paid, full, fen
        jdbc.query("""
                        SELECT b.batch_id, b.period, b.disbursed_on FROM batch_view b
                        WHERE b.program_code = ? AND b.period >= ? AND b.period < ?
                          AND EXISTS (SELECT 1 FROM batch_step_view s WHERE s.batch_id = b.batch_id
                                      AND s.step = 'DISBURSED' AND s.recorded_at <= ?)""", rs -> {
            YearMonth month = YearMonth.from(rs.getDate(2).toLocalDate());
            disbursed.add(rs.getString(1));
            batches[0]++;
            LocalDate deadline = month.atDay(Math.min(deadlineDay, month.lengthOfMonth()));
            batches[1] += rs.getDate(3).toLocalDate().isAfter(deadline) ? 0 : 1;
            paidMonths.add(month);
            long[] monthly = byMonth.computeIfAbsent(month, m -> new long[7]);
            monthly[0]++;
            monthly[1] += rs.getDate(3).toLocalDate().isAfter(deadline) ? 0 : 1;
            batches[3] = Math.max(batches[3], monthIndex(month));
        }, program, from, to, at);
        batches[2] = paidMonths.size();
        YearMonth through = batches[3] < 0 ? null : YearMonth.of((int) (batches[3] / 12), (int) (batches[3] % 12) + 1);
        String[] disbursedIds = disbursed.toArray(String[]::new);

        // Lines of those batches: sent (not stopped), returned as of the moment, paid; recipients paid.
        long[] lines = new long[6]; // sent, returned, paid, paid full, paid fen, distinct recipients
        if (running) {
            jdbc.query("""
                    SELECT period, line_count - stopped_count, returned_count, paid_count, paid_full_count, paid_fen
                    FROM batch_view WHERE batch_id = ANY (?)""", rs -> {
                long[] monthly = byMonth.get(YearMonth.from(rs.getDate(1).toLocalDate()));
                for (int i = 0; i < 5; i++) {
                    monthly[i + 2] += rs.getLong(i + 2);
                }
            }, (Object) disbursedIds);
        } else {
            jdbc.query("""
                            SELECT l.period, count(*), count(*) FILTER (WHERE l.returned_at <= ?),
                                   count(*) FILTER (WHERE l.returned_at IS NULL OR l.returned_at > ?),
                                   count(*) FILTER (WHERE (l.returned_at IS NULL OR l.returned_at > ?)
                                                      AND l.amount_fen >= l.standard_fen),
                                   coalesce(sum(l.amount_fen) FILTER (WHERE l.returned_at IS NULL OR l.returned_at > ?), 0)
                            FROM batch_line_view l
                            WHERE l.batch_id = ANY (?) AND l.stopped_at IS NULL
                            GROUP BY l.period""", rs -> {
                long[] monthly = byMonth.computeIfAbsent(YearMonth.from(rs.getDate(1).toLocalDate()), m -> new long[7]);
                for (int i = 0; i < 5; i++) {
                    monthly[i + 2] = rs.getLong(i + 2);
                }
            }, at, at, at, at, disbursedIds);
        }
        for (long[] monthly : byMonth.values()) {
            for (int i = 0; i < 5; i++) {
                lines[i] += monthly[i + 2];
            }
        }
        lines[5] = running ? jdbc.queryForObject("""
                SELECT count(*) FROM paid_recipient_year_view
                WHERE program_code = ? AND year = ? AND paid_months <> 0""", Long.class, program, year)
                : jdbc.queryForObject("""
                SELECT count(*) FROM (SELECT l.recipient_id FROM batch_line_view l
                                      WHERE l.batch_id = ANY (?) AND l.stopped_at IS NULL
                                        AND (l.returned_at IS NULL OR l.returned_at > ?)
                                      GROUP BY l.recipient_id) paid""", Long.class, disbursedIds, at);

        // Due person-months from January (or enrolment) through the last disbursed month, less those not due.
        long dueMonths = 0;
        long dueFen = 0;
        long notDuePaid = 0;
        if (through != null) {
            long[] due = new long[2];
            jdbc.query("""
                            SELECT coalesce(sum(m.months), 0), coalesce(sum(m.months * e.monthly_standard_fen), 0)
                            FROM enrolment_view e
                            CROSS JOIN LATERAL (SELECT greatest(0, (? - (extract(year FROM greatest(e.effective_from, ?))
                                    * 12 + extract(month FROM greatest(e.effective_from, ?)) - 1))::int + 1) AS months) m
                            WHERE e.program_code = ? AND e.enrolled_at <= ?""", rs -> {
                due[0] = rs.getLong(1);
                due[1] = rs.getLong(2);
            }, monthIndex(through), from, from, program, at);
            dueMonths = due[0];
            dueFen = due[1];
            Map<String, Set<YearMonth>> notDue = notDueMonths(program, year, through, at);
            if (!notDue.isEmpty()) {
                Map<String, long[]> enrolment = new HashMap<>(); // start month index, standard
                jdbc.query("""
                                SELECT recipient_id, effective_from, monthly_standard_fen FROM enrolment_view
                                WHERE program_code = ? AND enrolled_at <= ? AND recipient_id = ANY (CAST(? AS bpchar[]))""",
                        rs -> {
                            enrolment.put(rs.getString(1), new long[]{monthIndex(YearMonth.from(
                                    rs.getDate(2).toLocalDate())), rs.getLong(3)});
                        }, program, at, ids(notDue.keySet()));
                long firstOfYear = monthIndex(YearMonth.of(year, 1));
                for (Map.Entry<String, Set<YearMonth>> entry : notDue.entrySet()) {
                    long[] enrolled = enrolment.get(entry.getKey());
                    if (enrolled == null) {
                        continue;
                    }
                    long start = Math.max(enrolled[0], firstOfYear);
                    long excluded = entry.getValue().stream().filter(m -> monthIndex(m) >= start).count();
                    dueMonths -= excluded;
                    dueFen -= excluded * enrolled[1];
                }
                Map<String, Set<YearMonth>> notDueById = notDue;
                notDuePaid = running ? jdbc.query("""
                                SELECT recipient_id, paid_months FROM paid_recipient_year_view
                                WHERE program_code = ? AND year = ? AND recipient_id = ANY (CAST(? AS bpchar[]))""",
                        rs -> {
                            long count = 0;
                            while (rs.next()) {
                                int paidBits = rs.getInt(2);
                                for (YearMonth month : notDueById.get(rs.getString(1))) {
                                    count += (paidBits >>> (month.getMonthValue() - 1)) & 1;
                                }
                            }
                            return count;
                        }, program, year, ids(notDue.keySet()))
                        : jdbc.query("""
                                SELECT l.recipient_id, l.period FROM batch_line_view l
                                WHERE l.recipient_id = ANY (CAST(? AS bpchar[])) AND l.batch_id = ANY (?)
                                  AND l.stopped_at IS NULL AND (l.returned_at IS NULL OR l.returned_at > ?)""",
                        rs -> {
                            long count = 0;
                            while (rs.next()) {
                                Set<YearMonth> months = notDueById.get(rs.getString(1));
                                if (months != null && months.contains(YearMonth.from(rs.getDate(2).toLocalDate()))) {
                                    count++;
                                }
                            }
                            return count;
                        }, ids(notDue.keySet()), disbursedIds, at);
            }
        }
        long paid = lines[2];
        long spendingFen = lines[4];
        long duePaid = paid - notDuePaid;

        List<Figure> figures = new ArrayList<>();
        figures.add(rate("fundsArrivalRate", "资金到位率", yuan(fundsFen), plan == null ? null : yuan(plan.budgetFen())));
        figures.add(rate("budgetExecutionRate", "预算执行率", yuan(spendingFen), yuan(fundsFen)));
        figures.add(rate("recipientCompletionRate", "发放人数完成率", count(lines[5]),
                plan == null ? null : count(plan.recipients())));
        long[] lastMonth = through == null ? null : byMonth.get(through);
        figures.add(rate("yearEndRecipientCompletionRate", "年末发放人数完成率", count(lastMonth == null ? 0 : lastMonth[4]),
                plan == null ? null : count(plan.recipients())));
        figures.add(rate("payoutCompletionRate", "发放次数完成率", count(batches[2]),
                plan == null ? null : count(plan.payouts())));
        figures.add(rate("dueCoverageRate", "应发尽发率", count(duePaid), count(dueMonths)));
        figures.add(rate("fullPaymentRate", "足额发放率", count(lines[3]), count(paid)));
        figures.add(rate("fullPaymentAmountRate", "足额发放率（金额）", yuan(spendingFen), yuan(dueFen)));
        figures.add(rate("onTimeRate", "发放及时率", count(batches[1]), count(batches[0])));
        figures.add(new Figure("lateBatches", "逾期发放批次", "count", count(batches[0] - batches[1]), null,
                count(batches[0] - batches[1])));
        figures.add(new Figure("dueNotPaidPersonMonths", "应发未发人月", "count",
                count(Math.max(0, dueMonths - duePaid)), null, count(Math.max(0, dueMonths - duePaid))));
        figures.add(rate("firstAttemptSuccessRate", "首次发放成功率", count(lines[0] - lines[1]), count(lines[0])));
        BigDecimal average = paid == 0 ? null : BigDecimal.valueOf(spendingFen)
                .divide(BigDecimal.valueOf(paid * 100L), 2, RoundingMode.HALF_UP);
        figures.add(new Figure("averagePerPersonMonth", "人均补贴标准", "yuan", yuan(spendingFen), count(paid),
                average == null ? null : average.toPlainString()));
        BigDecimal standard = BigDecimal.valueOf(standardFen).movePointLeft(2);
        figures.add(rate("costSavingRate", "成本节约率", average == null ? null : standard.subtract(average)
                .toPlainString(), standard.toPlainString()));
        figures.addAll(recovery(program, year, at));
        return new IndicatorTable(program, year, asOf, List.copyOf(figures), months(program, year, at, byMonth));
    }

    /** The program's standard and deadline day, if it existed at the moment; else 404 {@code UNKNOWN_PROGRAM}. */
    public Map<String, Object> program(String program, Instant asOf) {
        return jdbc.queryForList("""
                SELECT monthly_standard_fen, deadline_day FROM program_view WHERE code = ? AND created_at <= ?""",
                program, Timestamp.from(asOf)).stream().findFirst()
                .orElseThrow(() -> new LedgerException(ErrorCode.UNKNOWN_PROGRAM, "no program " + program
                        + " as of " + asOf));
    }

    /** A recipient's due person-months of the year, through the last disbursed month (drill-down). */
    public record DueRow(String recipientId, String name, String enrolledFrom, long dueMonths, String due,
                         long paidDueMonths, List<String> notDueMonths, String enrolmentEventId) {
    }

    /**
     * One page of the due person-months behind 应发尽发率 and 足额发放率（金额）, per recipient in ID order: the months
     * due from January (or enrolment) through the last disbursed month, those of them paid, and those a fact made
     * not due — as of the moment, like the figures.
     */
    public List<DueRow> dueMonths(String program, int year, Instant asOf, long offset, int limit) {
        Timestamp at = Timestamp.from(asOf);
        program(program, asOf);
        List<String> disbursed = new ArrayList<>();
        YearMonth[] through = {null};
        jdbc.query("""
                        SELECT b.batch_id, b.period FROM batch_view b
                        WHERE b.program_code = ? AND b.period >= ? AND b.period < ?
                          AND EXISTS (SELECT 1 FROM batch_step_view s WHERE s.batch_id = b.batch_id
                                      AND s.step = 'DISBURSED' AND s.recorded_at <= ?)""", rs -> {
            disbursed.add(rs.getString(1));
            YearMonth month = YearMonth.from(rs.getDate(2).toLocalDate());
            through[0] = through[0] == null || month.isAfter(through[0]) ? month : through[0];
        }, program, Date.valueOf(LocalDate.of(year, 1, 1)), Date.valueOf(LocalDate.of(year + 1, 1, 1)), at);
        List<Object[]> enrolments = jdbc.query("""
                        SELECT recipient_id, name, effective_from, monthly_standard_fen, event_id FROM enrolment_view
                        WHERE program_code = ? AND enrolled_at <= ? ORDER BY recipient_id LIMIT ? OFFSET ?""",
                (rs, n) -> new Object[]{rs.getString(1), rs.getString(2), YearMonth.from(rs.getDate(3).toLocalDate()),
                        rs.getLong(4), rs.getString(5)}, program, at, limit, offset);
        if (through[0] == null || enrolments.isEmpty()) {
            return enrolments.stream().map(e -> new DueRow((String) e[0], (String) e[1], e[2].toString(), 0,
                    yuan(0), 0, List.of(), (String) e[4])).toList();
        }
        Map<String, Set<YearMonth>> notDue = notDueMonths(program, year, through[0], at);
        Map<String, Set<YearMonth>> paid = new HashMap<>();
        jdbc.query("""
                        SELECT l.recipient_id, l.period FROM batch_line_view l
                        WHERE l.recipient_id = ANY (CAST(? AS bpchar[])) AND l.batch_id = ANY (?)
                          AND l.stopped_at IS NULL AND (l.returned_at IS NULL OR l.returned_at > ?)""", rs -> {
            paid.computeIfAbsent(rs.getString(1), k -> new HashSet<>())
                    .add(YearMonth.from(rs.getDate(2).toLocalDate()));
        }, enrolments.stream().map(e -> (String) e[0]).toArray(String[]::new), disbursed.toArray(String[]::new), at);
        List<DueRow> rows = new ArrayList<>();
        for (Object[] e : enrolments) {
            String id = (String) e[0];
            YearMonth start = ((YearMonth) e[2]).isAfter(YearMonth.of(year, 1)) ? (YearMonth) e[2] : YearMonth.of(year, 1);
            long due = 0;
            long paidDue = 0;
            List<String> excluded = new ArrayList<>();
            for (YearMonth m = start; !m.isAfter(through[0]); m = m.plusMonths(1)) {
                if (notDue.getOrDefault(id, Set.of()).contains(m)) {
                    excluded.add(m.toString());
                } else {
                    due++;
                    paidDue += paid.getOrDefault(id, Set.of()).contains(m) ? 1 : 0;
                }
            }
            rows.add(new DueRow(id, (String) e[1], e[2].toString(), due, yuan(due * (long) e[3]), paidDue,
                    List.copyOf(excluded), (String) e[4]));
        }
        return List.copyOf(rows);
    }

    /**
     * The months of the year: those with a batch disbursed, those closed as of the moment (with their sealed
     * figures), and the first open month after the last closed one (with the adjustments to the closed months).
     */
    private List<Month> months(String program, int year, Timestamp at, Map<YearMonth, long[]> byMonth) {
        Map<YearMonth, long[]> sealed = new TreeMap<>();
        Map<YearMonth, String> closedAt = new HashMap<>();
        jdbc.query("""
                        SELECT month, batches, on_time_batches, lines_sent, lines_returned, payments, full_payments,
                               spending_fen, closed_at
                        FROM month_close_view
                        WHERE program_code = ? AND month >= ? AND month < ? AND closed_at <= ?""", rs -> {
            YearMonth month = YearMonth.from(rs.getDate(1).toLocalDate());
            long[] figures = new long[7];
            for (int i = 0; i < 7; i++) {
                figures[i] = rs.getLong(i + 2);
            }
            sealed.put(month, figures);
            closedAt.put(month, rs.getTimestamp(9).toInstant().toString());
        }, program, Date.valueOf(LocalDate.of(year, 1, 1)), Date.valueOf(LocalDate.of(year + 1, 1, 1)), at);
        Set<YearMonth> listed = new java.util.TreeSet<>(byMonth.keySet());
        listed.addAll(sealed.keySet());
        YearMonth nextOpen = sealed.isEmpty() ? null : ((TreeMap<YearMonth, long[]>) sealed).lastKey().plusMonths(1);
        if (nextOpen != null) {
            listed.add(nextOpen);
        }
        long[] adjustment = new long[7];
        for (Map.Entry<YearMonth, long[]> closed : sealed.entrySet()) {
            long[] now = byMonth.getOrDefault(closed.getKey(), new long[7]);
            for (int i = 0; i < 7; i++) {
                adjustment[i] += now[i] - closed.getValue()[i];
            }
        }
        List<Month> months = new ArrayList<>();
        for (YearMonth month : listed) {
            long[] f = sealed.containsKey(month) ? sealed.get(month) : byMonth.getOrDefault(month, new long[7]);
            Adjustment adjustments = month.equals(nextOpen) ? new Adjustment(adjustment[0], adjustment[1],
                    adjustment[2], adjustment[3], adjustment[4], adjustment[5], yuan(adjustment[6])) : null;
            months.add(new Month(month.toString(), f[0], f[1], f[2], f[3], f[4], f[5], yuan(f[6]),
                    closedAt.get(month), adjustments));
        }
        return List.copyOf(months);
    }

    /**
     * The cases about payments of the year (their first overpaid month is in it), each in its state as of the moment
     * (its latest change recorded by then); cases opened later are not counted.
     */
    private List<Figure> recovery(String program, int year, Timestamp at) {
        Map<String, long[]> byCause = new TreeMap<>(); // cases, amount
        for (FactKind kind : new FactKind[]{FactKind.DEATH, FactKind.SUSPENSION, FactKind.DUPLICATE_CLAIM,
                FactKind.ENROLMENT_END}) {
            byCause.put(kind.name(), new long[2]);
        }
        long[] totals = new long[4]; // overpaid, recovered, recipients, recipients settled
        Map<String, boolean[]> recipients = new HashMap<>(); // any open
        jdbc.query("""
                        SELECT o.recipient_id, o.cause, c.amount_after, c.recovered_after, c.status_after
                        FROM overpayment_view o
                        JOIN LATERAL (SELECT amount_after, recovered_after, status_after FROM overpayment_change_view c
                                      WHERE c.case_id = o.case_id AND c.recorded_at <= ?
                                      ORDER BY c.sequence DESC LIMIT 1) c ON true
                        WHERE o.program_code = ? AND o.first_month >= ? AND o.first_month < ?""", rs -> {
            if ("CANCELLED".equals(rs.getString(5))) {
                return;
            }
            long amount = rs.getLong(3);
            long[] cause = byCause.computeIfAbsent(rs.getString(2), k -> new long[2]);
            cause[0]++;
            cause[1] += amount;
            totals[0] += amount;
            totals[1] += Math.min(rs.getLong(4), amount);
            boolean settled = "RECOVERED".equals(rs.getString(5));
            recipients.computeIfAbsent(rs.getString(1), k -> new boolean[]{true})[0] &= settled;
        }, at, program, Date.valueOf(LocalDate.of(year, 1, 1)), Date.valueOf(LocalDate.of(year + 1, 1, 1)));
        long settled = recipients.values().stream().filter(r -> r[0]).count();
        List<Figure> figures = new ArrayList<>();
        figures.add(rate("recoveryRate", "追回率", yuan(totals[1]), yuan(totals[0])));
        figures.add(rate("recoveryHeadcountRate", "追回率（人数）", count(settled), count(recipients.size())));
        byCause.forEach((cause, counts) -> {
            figures.add(new Figure("overpaymentCases." + cause, "多发案件数（" + cause + "）", "count",
                    count(counts[0]), null, count(counts[0])));
            figures.add(new Figure("overpaymentAmount." + cause, "多发金额（" + cause + "）", "yuan",
                    yuan(counts[1]), null, yuan(counts[1])));
        });
        return figures;
    }

    /**
     * For every recipient of the program with a fact active as of the moment, the months of the year through
     * {@code through} that the facts make not due — each fact as it stood then (later corrections, endings and
     * retractions undone).
     */
    private Map<String, Set<YearMonth>> notDueMonths(String program, int year, YearMonth through, Timestamp at) {
        Map<String, Fact> facts = new LinkedHashMap<>();
        Map<String, Boolean> retracted = new HashMap<>();
        jdbc.query("""
                        SELECT f.fact_id, f.recipient_id, f.kind, f.from_date, f.to_date, f.state
                        FROM life_fact_view f
                        WHERE f.recorded_at <= ? AND (f.program_code IS NULL OR f.program_code = ?)
                          AND EXISTS (SELECT 1 FROM enrolment_view e WHERE e.program_code = ?
                                      AND e.recipient_id = f.recipient_id)""", rs -> {
            facts.put(rs.getString(1), new Fact(rs.getString(2), FactKind.valueOf(rs.getString(3)),
                    rs.getDate(4).toLocalDate(), rs.getDate(5) == null ? null : rs.getDate(5).toLocalDate()));
            retracted.put(rs.getString(1), "RETRACTED".equals(rs.getString(6)));
        }, at, program, program);
        // Undo the changes recorded after the moment, latest first.
        jdbc.query("""
                        SELECT c.fact_id, c.change, c.previous_from, c.previous_to FROM life_fact_change_view c
                        JOIN life_fact_view f ON f.fact_id = c.fact_id
                        WHERE c.recorded_at > ? AND f.recorded_at <= ? AND (f.program_code IS NULL OR f.program_code = ?)
                        ORDER BY c.fact_id, c.sequence DESC""", rs -> {
            Fact fact = facts.get(rs.getString(1));
            if (fact == null) {
                return;
            }
            switch (rs.getString(2)) {
                case "CORRECTED" -> facts.put(rs.getString(1), new Fact(fact.recipientId(), fact.kind(),
                        rs.getDate(3).toLocalDate(), rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate()));
                case "ENDED" -> facts.put(rs.getString(1), new Fact(fact.recipientId(), fact.kind(), fact.from(),
                        null));
                case "RETRACTED" -> retracted.put(rs.getString(1), false);
                default -> throw new IllegalStateException("unknown fact change " + rs.getString(2));
            }
        }, at, at, program);
        Map<String, Set<YearMonth>> notDue = new HashMap<>();
        for (Map.Entry<String, Fact> entry : facts.entrySet()) {
            if (retracted.get(entry.getKey())) {
                continue;
            }
            Fact fact = entry.getValue();
            NotDueMonths.of(fact.kind(), fact.from(), fact.to()).ifPresent(months -> {
                for (YearMonth m = YearMonth.of(year, 1); !m.isAfter(through); m = m.plusMonths(1)) {
                    if (months.contains(m)) {
                        notDue.computeIfAbsent(fact.recipientId(), k -> new HashSet<>()).add(m);
                    }
                }
            });
        }
        return notDue;
    }

    private static Figure rate(String key, String name, String numerator, String denominator) {
        String value = null;
        if (numerator != null && denominator != null && new BigDecimal(denominator).signum() != 0) {
            value = new BigDecimal(numerator).divide(new BigDecimal(denominator), 4, RoundingMode.HALF_UP)
                    .toPlainString();
        }
        return new Figure(key, name, "rate", numerator, denominator, value);
    }

    private static String yuan(long fen) {
        return Amounts.yuan(fen);
    }

    private static String count(long count) {
        return Long.toString(count);
    }

    private static long monthIndex(YearMonth month) {
        return month.getYear() * 12L + month.getMonthValue() - 1;
    }

    private static String[] ids(Set<String> ids) {
        return ids.toArray(String[]::new);
    }
}
