package org.subsidyledger.projections.indicator;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.springframework.jdbc.core.RowMapper;

/**
 * Reads the {@link Source}s: their totals for the indicator table (one query per family, every source of it a
 * {@code FILTER} of that query, grouped by month where the family has months) and their rows for the drill-down (the
 * same family and filter, listed). As of a moment every row counts by its recorded time; "now" the payments are read
 * from the running totals the batch projection keeps (V13) — a dozen batch rows instead of the year's lines.
 */
@Component
public class IndicatorSources {

    /** A source's total: how many rows (or distinct values) and the sum of their amounts, in 分. */
    public record Total(long count, long fen) {
    }

    /** The totals of the sources asked for, for the year and, for the families with months, for each month. */
    public record Totals(Map<Source, Total> year, Map<YearMonth, Map<Source, Total>> months) {

        /** The source's total, or null when it has none (no annual plan). */
        public Total of(Source source) {
            return year.get(source);
        }

        /** The source's total in one month (zero when the month has none). */
        public Total of(Source source, YearMonth month) {
            return months.getOrDefault(month, Map.of()).getOrDefault(source, ZERO);
        }
    }

    /** One page of the rows behind a source, and how many there are in all. */
    public record Listing(List<BasisRow> rows, long total) {
    }

    private static final Total ZERO = new Total(0, 0);
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IndicatorSources.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final DueMonths dueMonths;

    IndicatorSources(JdbcTemplate jdbc, DueMonths dueMonths) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        this.dueMonths = dueMonths;
    }

    /**
     * The program's year as of the moment over what {@code caller} may see: the whole program when the caller's
     * scope covers its region, else the caller's regions within it; a program outside the scope → 404.
     */
    public Scope scope(String program, int year, Instant asOf, org.subsidyledger.projections.port.AccessScope caller) {
        Scope whole = scope(program, year, asOf);
        if (!caller.scoped()) {
            return whole;
        }
        String region = jdbc.query("SELECT region FROM program_view WHERE code = :program", Map.of("program", program),
                (rs, n) -> rs.getString(1)).stream().findFirst().orElse(null);
        return whole.within(caller.withinProgram(program, region).regions());
    }

    /** The program's year as of the moment; 404 {@code UNKNOWN_PROGRAM} when the program did not exist then. */
    public Scope scope(String program, int year, Instant asOf) {
        Map<String, Object> parameters = Map.of("program", program, "at", Timestamp.from(asOf),
                "from", java.sql.Date.valueOf(java.time.LocalDate.of(year, 1, 1)),
                "to", java.sql.Date.valueOf(java.time.LocalDate.of(year + 1, 1, 1)));
        List<long[]> found = jdbc.query("""
                SELECT monthly_standard_fen, deadline_day, certification_months FROM program_view
                WHERE code = :program AND created_at <= :at""",
                parameters, (rs, n) -> new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)});
        if (found.isEmpty()) {
            throw new LedgerException(ErrorCode.UNKNOWN_PROGRAM, "no program " + program + " as of " + asOf);
        }
        List<String> disbursed = new ArrayList<>();
        YearMonth[] through = {null};
        jdbc.query("""
                SELECT b.batch_id, b.period FROM batch_view b
                WHERE b.program_code = :program AND b.period >= :from AND b.period < :to
                  AND EXISTS (SELECT 1 FROM batch_step_view s WHERE s.batch_id = b.batch_id
                              AND s.step = 'DISBURSED' AND s.recorded_at <= :at)
                ORDER BY b.period, b.batch_id""", parameters, rs -> {
            disbursed.add(rs.getString(1));
            through[0] = YearMonth.from(rs.getDate(2).toLocalDate());
        });
        return new Scope(program, year, asOf, found.get(0)[0], (int) found.get(0)[1], disbursed, through[0],
                List.of(), (int) found.get(0)[2]);
    }

    /**
     * The totals of the sources, as of the scope's moment.
     *
     * @param running read the payments from the running totals (the scope must be "now")
     */
    public Totals totals(Scope scope, Collection<Source> sources, boolean runningTotals) {
        boolean running = runningTotals && !scope.regional(); // the running totals are the whole program's
        Map<Family, Set<Source>> byFamily = new LinkedHashMap<>();
        for (Source source : sources) {
            byFamily.computeIfAbsent(source.family(), f -> new LinkedHashSet<>()).add(source);
        }
        if (byFamily.containsKey(Family.DUE_MONTHS)) { // due paid = paid less those not due
            byFamily.computeIfAbsent(Family.PAYMENTS, f -> new LinkedHashSet<>()).add(Source.PAYMENTS_PAID);
            byFamily.remove(Family.DUE_MONTHS);
            byFamily.put(Family.DUE_MONTHS, Set.of(Source.DUE_MONTHS));
        }
        Map<Source, Total> year = new HashMap<>();
        Map<YearMonth, Map<Source, Total>> months = new TreeMap<>();
        Map<String, Object> parameters = scope.parameters();
        StringBuilder timings = new StringBuilder();
        for (Map.Entry<Family, Set<Source>> entry : byFamily.entrySet()) {
            long started = System.nanoTime();
            switch (entry.getKey()) {
                case PLAN -> plan(scope, year);
                case CERTIFICATION -> { // a program without certification has no such figure (null, not 0 %)
                    if (scope.certificationMonths() > 0) {
                        family(scope, entry.getKey(), List.copyOf(entry.getValue()), parameters, false, year, months);
                    }
                }
                case DUE_MONTHS -> {
                    DueMonths.Totals due = dueMonths.totals(scope, year.get(Source.PAYMENTS_PAID).count(), running);
                    year.put(Source.DUE_MONTHS, new Total(due.months(), due.fen()));
                    year.put(Source.DUE_MONTHS_PAID, new Total(due.paid(), 0));
                    year.put(Source.DUE_MONTHS_NOT_PAID, new Total(due.notPaid(), 0));
                }
                case WITHHELD_MONTHS -> {
                    long count = 0;
                    long fen = 0;
                    for (BasisRow.WithheldRow row : dueMonths.withheld(scope)) {
                        count += row.months().size();
                        fen += new java.math.BigDecimal(row.due()).movePointRight(2).longValueExact();
                    }
                    year.put(Source.WITHHELD_MONTHS, new Total(count, fen));
                }
                default -> family(scope, entry.getKey(), List.copyOf(entry.getValue()), parameters,
                        running && entry.getKey() == Family.PAYMENTS, year, months);
            }
            timings.append(timings.isEmpty() ? "" : ", ").append(entry.getKey().kind()).append(' ')
                    .append((System.nanoTime() - started) / 1_000_000).append(" ms");
        }
        log.info("Indicator sources of {} {} as of {} ({}): {}", scope.program(), scope.year(), scope.asOf(),
                running ? "running totals" : "lines", timings);
        if (running && sources.contains(Source.PAYMENTS_PAID_FULL)) {
            lessOpenArrears(scope, parameters, year, months);
        }
        for (Source source : sources) { // the last month's sources: that month's total
            if (source.lastMonth()) {
                year.put(source, scope.through() == null ? ZERO
                        : months.getOrDefault(scope.through(), Map.of()).getOrDefault(source, ZERO));
            }
        }
        return new Totals(Map.copyOf(year), months);
    }

    /**
     * One page of the rows behind the source, as of the scope's moment, in a stable order, as its kind's record.
     */
    public Listing list(Scope scope, Source source, long offset, int limit) {
        if (!source.listable()) {
            throw new IllegalArgumentException(source.name() + " is a declared figure, not rows");
        }
        if (source.family() == Family.WITHHELD_MONTHS) {
            List<BasisRow.WithheldRow> rows = dueMonths.withheld(scope);
            return new Listing(List.copyOf(rows.subList((int) Math.min(offset, rows.size()),
                    (int) Math.min(offset + limit, rows.size()))), rows.size());
        }
        if (source.family() == Family.DUE_MONTHS) {
            return new Listing(List.copyOf(dueMonths.rows(scope, offset, limit)), dueMonths.recipients(scope));
        }
        if (source.lastMonth() && scope.through() == null
                || source.family() == Family.CERTIFICATION && scope.certificationMonths() <= 0) {
            return new Listing(List.of(), 0);
        }
        Family family = source.family();
        String where = " WHERE " + family.where(scope) + " AND " + source.filter()
                + (source.lastMonth() ? " AND " + family.period() + " = :through" : "");
        String select;
        String count;
        if (source.additive()) {
            select = "SELECT " + family.columns() + " FROM " + family.listFrom(scope) + where + " ORDER BY "
                    + family.order();
            count = "SELECT count(*) FROM " + family.from(scope) + where;
        } else {
            String value = source.distinctLabel().equals("period")
                    ? "to_char(" + source.distinct() + ", 'YYYY-MM')" : source.distinct();
            select = "SELECT " + value + " AS " + source.distinctLabel() + ", count(*) AS " + family.kind()
                    + (family.amount() == null ? "" : ", sum(" + family.amount() + ") AS amount_fen")
                    + " FROM " + family.from(scope) + where + " GROUP BY " + source.distinct() + " ORDER BY "
                    + source.distinct();
            count = distinctCount(scope, family, source, where);
        }
        Map<String, Object> parameters = scope.parameters();
        parameters.put("limit", limit);
        parameters.put("offset", offset);
        RowMapper<BasisRow> row = source.additive() ? family.row()
                : source.kind().equals("recipients") ? (rs, n) -> BasisRow.RecipientRow.of(rs)
                : (rs, n) -> BasisRow.MonthRow.of(rs);
        List<BasisRow> rows = jdbc.query(select + " LIMIT :limit OFFSET :offset", parameters, row);
        return new Listing(List.copyOf(rows), jdbc.queryForObject(count, parameters, Long.class));
    }

    /** One family's sources in one query: each a {@code FILTER}, grouped by month where the family has months. */
    private void family(Scope scope, Family family, List<Source> sources, Map<String, Object> parameters,
                        boolean running,
                        Map<Source, Total> year, Map<YearMonth, Map<Source, Total>> months) {
        List<Source> additive = sources.stream().filter(Source::additive).toList();
        if (!additive.isEmpty()) {
            List<String> columns = new ArrayList<>();
            for (Source source : additive) {
                if (running) {
                    columns.add("coalesce(sum(" + source.runningCount() + "), 0)");
                    columns.add(source.runningSum() == null ? "0" : "coalesce(sum(" + source.runningSum() + "), 0)");
                } else {
                    columns.add("count(*) FILTER (WHERE " + source.filter() + ")");
                    columns.add(family.amount() == null ? "0"
                            : "coalesce(sum(" + source.amountExpression() + ") FILTER (WHERE " + source.filter()
                            + "), 0)");
                }
            }
            String period = running ? "period" : family.period();
            String sql = "SELECT " + (period == null ? "" : period + ", ") + String.join(", ", columns)
                    + (running ? " FROM batch_view WHERE batch_id = ANY (:disbursed)"
                    : " FROM " + family.from(scope) + " WHERE " + family.where(scope))
                    + (period == null ? "" : " GROUP BY " + period);
            for (Source source : additive) {
                year.put(source, ZERO);
            }
            jdbc.query(sql, parameters, rs -> {
                int first = period == null ? 1 : 2;
                Map<Source, Total> month = period == null ? null
                        : months.computeIfAbsent(YearMonth.from(rs.getDate(1).toLocalDate()), m -> new HashMap<>());
                for (int i = 0; i < additive.size(); i++) {
                    Source source = additive.get(i);
                    Total total = new Total(rs.getLong(first + 2 * i), rs.getLong(first + 2 * i + 1));
                    if (month != null) {
                        month.merge(source, total, IndicatorSources::plus);
                    }
                    if (!source.lastMonth()) {
                        year.merge(source, total, IndicatorSources::plus);
                    }
                }
            });
        }
        for (Source source : sources) {
            if (!source.additive()) {
                String sql = running && source.runningCount() != null ? source.runningCount()
                        : distinctCount(scope, family, source, " WHERE " + family.where(scope) + " AND " + source.filter());
                year.put(source, new Total(jdbc.queryForObject(sql, parameters, Long.class), 0));
            }
        }
    }

    /**
     * How many distinct values of the source's expression the rows have: grouped, then counted — PostgreSQL hashes a
     * {@code GROUP BY} in memory, where {@code count(DISTINCT …)} sorts (3.6M recipient ids of a year spill to disk).
     */
    private static String distinctCount(Scope scope, Family family, Source source, String where) {
        return "SELECT count(*) FROM (SELECT " + source.distinct() + " FROM " + family.from(scope) + where + " GROUP BY "
                + source.distinct() + ") d";
    }

    /**
     * The running totals count a payment in full by what was due at posting; those of its payments whose month has
     * arrears still owed (rule 9) are taken off, per month — nothing to do when the program has no arrears.
     */
    private void lessOpenArrears(Scope scope, Map<String, Object> parameters, Map<Source, Total> year,
                                 Map<YearMonth, Map<Source, Total>> months) {
        if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM arrear_view "
                + "WHERE program_code = :program AND recorded_at <= :at)", parameters, Boolean.class))) {
            return;
        }
        jdbc.query("SELECT " + Family.PAYMENTS.period() + ", count(*) FROM " + Family.PAYMENTS.from(scope) + " WHERE "
                + Family.PAYMENTS.where(scope) + " AND " + Source.PAID + " AND l.amount_fen >= l.standard_fen AND "
                + Source.OPEN_ARREAR + " GROUP BY " + Family.PAYMENTS.period(), parameters, rs -> {
            Total less = new Total(-rs.getLong(2), 0);
            YearMonth month = YearMonth.from(rs.getDate(1).toLocalDate());
            months.computeIfAbsent(month, m -> new HashMap<>()).merge(Source.PAYMENTS_PAID_FULL, less,
                    IndicatorSources::plus);
            year.merge(Source.PAYMENTS_PAID_FULL, less, IndicatorSources::plus);
        });
    }

    /** The annual plan in force at the moment: planned recipients, payouts and budget; none when there is none. */
    private void plan(Scope scope, Map<Source, Total> year) {
        jdbc.query("""
                SELECT planned_recipients, planned_payouts, budget_fen FROM program_plan_history_view
                WHERE program_code = :program AND year = :year AND set_at <= :at
                ORDER BY plan_version DESC LIMIT 1""", scope.parameters(), rs -> {
            year.put(Source.PLAN_RECIPIENTS, new Total(rs.getLong(1), 0));
            year.put(Source.PLAN_PAYOUTS, new Total(rs.getLong(2), 0));
            year.put(Source.PLAN_BUDGET, new Total(0, rs.getLong(3)));
        });
    }

    private static Total plus(Total a, Total b) {
        return new Total(a.count() + b.count(), a.fen() + b.fen());
    }
}
