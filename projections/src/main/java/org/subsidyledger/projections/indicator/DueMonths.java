package org.subsidyledger.projections.indicator;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.certification.CertificationSchedule;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.contract.fact.NotDueMonths;
import org.subsidyledger.projections.support.Amounts;

/**
 * The due person-months of a program's year ({@link Family#DUE_MONTHS}): each recipient enrolled by the moment is due
 * every month from January (or the enrolment month) through "through", less the months a fact active at the moment
 * makes not due (rule 3). The totals are read in bulk — one sum over the enrolments, then only the recipients with
 * facts one by one — and the drill-down lists the same months per recipient; {@code IndicatorSourcesTest} checks
 * the rows add up to the totals.
 */
@Component
class DueMonths {

    /** Due person-months and their standard amount, and how many of them are paid. */
    record Totals(long months, long fen, long paid) {

        long notPaid() {
            return Math.max(0, months - paid);
        }
    }

    /** {@code withholds}: a suspension whose kind withholds its months (rule 10): they stay due. */
    private record Fact(String recipientId, FactKind kind, LocalDate from, LocalDate to, boolean withholds) {
    }

    private final JdbcTemplate jdbc;
    private final org.subsidyledger.projections.standard.StandardTerms terms;

    DueMonths(JdbcTemplate jdbc, org.subsidyledger.projections.standard.StandardTerms terms) {
        this.jdbc = jdbc;
        this.terms = terms;
    }

    /**
     * The months of the year through "through" withheld as of the moment (rule 10) that are due (no other fact makes
     * them not due) and unpaid, per recipient in ID order, with what is due for them as known then.
     */
    List<BasisRow.WithheldRow> withheld(Scope scope) {
        if (scope.through() == null) {
            return List.of();
        }
        Map<String, Set<YearMonth>> withheld = withheldMonths(scope);
        if (withheld.isEmpty()) {
            return List.of();
        }
        Map<String, Set<YearMonth>> notDue = notDueMonths(scope);
        Map<String, Set<YearMonth>> paid = new HashMap<>();
        jdbc.query("""
                        SELECT l.recipient_id, l.period FROM batch_line_view l
                        WHERE l.recipient_id = ANY (CAST(? AS bpchar[])) AND l.batch_id = ANY (?)
                          AND l.settles_month IS NULL AND l.benefit IS NULL
                          AND l.stopped_at IS NULL AND (l.returned_at IS NULL OR l.returned_at > ?)""", rs -> {
            paid.computeIfAbsent(rs.getString(1), k -> new HashSet<>())
                    .add(YearMonth.from(rs.getDate(2).toLocalDate()));
        }, ids(withheld.keySet()), scope.disbursed().toArray(String[]::new), Timestamp.from(scope.asOf()));
        org.subsidyledger.contract.standard.Entitlement program = terms.program(scope.program(), scope.asOf());
        Map<String, org.subsidyledger.contract.standard.Entitlement.Individual> recipients = terms.recipients(
                scope.program(), ids(withheld.keySet()), scope.asOf());
        List<BasisRow.WithheldRow> rows = new ArrayList<>();
        for (String id : new java.util.TreeSet<>(withheld.keySet())) {
            var own = recipients.get(id);
            if (own == null) {
                continue;
            }
            List<String> months = new ArrayList<>();
            long fen = 0;
            for (YearMonth month : new java.util.TreeSet<>(withheld.get(id))) {
                if (!month.isBefore(own.enrolledFrom()) && !notDue.getOrDefault(id, Set.of()).contains(month)
                        && !paid.getOrDefault(id, Set.of()).contains(month)) {
                    months.add(month.toString());
                    fen += program.due(own, month);
                }
            }
            if (!months.isEmpty()) {
                rows.add(new BasisRow.WithheldRow(id, List.copyOf(months), Amounts.yuan(fen)));
            }
        }
        return rows;
    }

    /**
     * @param paid     the year's payments (lines paid) as of the moment; due paid = paid less those in months not due
     * @param running  read each recipient's paid months from the running bit masks instead of the lines
     */
    Totals totals(Scope scope, long paid, boolean running) {
        if (scope.through() == null) {
            return new Totals(0, 0, paid);
        }
        Timestamp at = Timestamp.from(scope.asOf());
        long[] due = new long[2];
        jdbc.query("""
                        SELECT coalesce(sum(m.months), 0), coalesce(sum(m.months * e.monthly_standard_fen), 0)
                        FROM enrolment_view e
                        CROSS JOIN LATERAL (SELECT greatest(0, (? - (extract(year FROM greatest(e.effective_from, ?))
                                * 12 + extract(month FROM greatest(e.effective_from, ?)) - 1))::int + 1) AS months) m
                        WHERE e.program_code = ? AND e.enrolled_at <= ?""" + region(scope, "e"), rs -> {
            due[0] = rs.getLong(1);
            due[1] = rs.getLong(2);
        }, with(scope, monthIndex(scope.through()), java.sql.Date.valueOf(scope.from()),
                java.sql.Date.valueOf(scope.from()), scope.program(), at));
        long months = due[0];
        long fen = due[1];
        Map<String, Set<YearMonth>> notDue = notDueMonths(scope);
        Long entitled = entitledFen(scope, notDue);
        if (notDue.isEmpty()) {
            return new Totals(months, entitled == null ? fen : entitled, paid);
        }
        Map<String, long[]> enrolment = new HashMap<>(); // start month index, standard
        jdbc.query("""
                        SELECT recipient_id, effective_from, monthly_standard_fen FROM enrolment_view
                        WHERE program_code = ? AND enrolled_at <= ? AND recipient_id = ANY (CAST(? AS bpchar[]))"""
                        + region(scope, "enrolment_view"),
                rs -> {
                    enrolment.put(rs.getString(1), new long[]{monthIndex(YearMonth.from(rs.getDate(2).toLocalDate())),
                            rs.getLong(3)});
                }, with(scope, scope.program(), at, ids(notDue.keySet())));
        long firstOfYear = monthIndex(YearMonth.of(scope.year(), 1));
        for (Map.Entry<String, Set<YearMonth>> entry : notDue.entrySet()) {
            long[] enrolled = enrolment.get(entry.getKey());
            if (enrolled == null) {
                continue;
            }
            long start = Math.max(enrolled[0], firstOfYear);
            long excluded = entry.getValue().stream().filter(m -> monthIndex(m) >= start).count();
            months -= excluded;
            fen -= excluded * enrolled[1];
        }
        long notDuePaid = running ? jdbc.query("""
                        SELECT recipient_id, paid_months FROM paid_recipient_year_view
                        WHERE program_code = ? AND year = ? AND recipient_id = ANY (CAST(? AS bpchar[]))""", rs -> {
                    long count = 0;
                    while (rs.next()) {
                        int paidBits = rs.getInt(2);
                        for (YearMonth month : notDue.get(rs.getString(1))) {
                            count += (paidBits >>> (month.getMonthValue() - 1)) & 1;
                        }
                    }
                    return count;
                }, scope.program(), scope.year(), ids(notDue.keySet()))
                : jdbc.query("""
                        SELECT l.recipient_id, l.period FROM batch_line_view l
                        WHERE l.recipient_id = ANY (CAST(? AS bpchar[])) AND l.batch_id = ANY (?)
                          AND l.settles_month IS NULL AND l.benefit IS NULL
                          AND l.stopped_at IS NULL AND (l.returned_at IS NULL OR l.returned_at > ?)""", rs -> {
                    long count = 0;
                    while (rs.next()) {
                        Set<YearMonth> excluded = notDue.get(rs.getString(1));
                        if (excluded != null && excluded.contains(YearMonth.from(rs.getDate(2).toLocalDate()))) {
                            count++;
                        }
                    }
                    return count;
                }, ids(notDue.keySet()), scope.disbursed().toArray(String[]::new), at);
        return new Totals(months, entitled == null ? fen : entitled, paid - notDuePaid);
    }

    /**
     * What is due for the due person-months when the program's standard varies (rule 9: standard changes or age
     * supplements known at the moment): each month at the standard in force for it, as known then; null when one flat
     * standard applies, which the sum over the enrolments has already counted.
     */
    private Long entitledFen(Scope scope, Map<String, Set<YearMonth>> notDue) {
        org.subsidyledger.contract.standard.Entitlement program = terms.program(scope.program(), scope.asOf());
        if (program == null || terms.flat(scope.program(), program, scope.asOf())) {
            return null;
        }
        String[] ids = null;
        if (scope.regional()) {
            ids = jdbc.queryForList("SELECT recipient_id FROM enrolment_view e WHERE e.program_code = ?"
                    + region(scope, "e"), String.class, with(scope, scope.program())).toArray(String[]::new);
        }
        YearMonth january = YearMonth.of(scope.year(), 1);
        long fen = 0;
        for (var entry : terms.recipients(scope.program(), ids, scope.asOf()).entrySet()) {
            var own = entry.getValue();
            Set<YearMonth> excluded = notDue.getOrDefault(entry.getKey(), Set.of());
            YearMonth start = own.enrolledFrom().isAfter(january) ? own.enrolledFrom() : january;
            for (YearMonth m = start; !m.isAfter(scope.through()); m = m.plusMonths(1)) {
                if (!excluded.contains(m)) {
                    fen += program.due(own, m);
                }
            }
        }
        return fen;
    }

    /** The recipients enrolled by the moment: the drill-down's page total. */
    long recipients(Scope scope) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM enrolment_view WHERE program_code = ? AND enrolled_at <= ?"""
                + region(scope, "enrolment_view"), Long.class, with(scope, scope.program(), Timestamp.from(scope.asOf())));
    }

    /**
     * One page of the due person-months, per recipient in ID order: the months due from January (or enrolment)
     * through "through", those of them paid, and those a fact made not due — as of the moment, like the figures.
     */
    List<BasisRow.DueMonthsRow> rows(Scope scope, long offset, int limit) {
        Timestamp at = Timestamp.from(scope.asOf());
        List<Object[]> enrolments = jdbc.query("""
                        SELECT recipient_id, name, effective_from, monthly_standard_fen, event_id FROM enrolment_view
                        WHERE program_code = ? AND enrolled_at <= ?""" + region(scope, "enrolment_view")
                        + " ORDER BY recipient_id LIMIT ? OFFSET ?",
                (rs, n) -> new Object[]{rs.getString(1), rs.getString(2), YearMonth.from(rs.getDate(3).toLocalDate()),
                        rs.getLong(4), rs.getString(5)}, append(with(scope, scope.program(), at), limit, offset));
        YearMonth through = scope.through();
        if (through == null || enrolments.isEmpty()) {
            return enrolments.stream().map(e -> new BasisRow.DueMonthsRow((String) e[0], (String) e[1],
                    e[2].toString(), 0, Amounts.yuan(0), 0, List.of(), (String) e[4])).toList();
        }
        Map<String, Set<YearMonth>> notDue = notDueMonths(scope);
        Map<String, Set<YearMonth>> paid = new HashMap<>();
        jdbc.query("""
                        SELECT l.recipient_id, l.period FROM batch_line_view l
                        WHERE l.recipient_id = ANY (CAST(? AS bpchar[])) AND l.batch_id = ANY (?)
                          AND l.settles_month IS NULL AND l.benefit IS NULL
                          AND l.stopped_at IS NULL AND (l.returned_at IS NULL OR l.returned_at > ?)""", rs -> {
            paid.computeIfAbsent(rs.getString(1), k -> new HashSet<>())
                    .add(YearMonth.from(rs.getDate(2).toLocalDate()));
        }, enrolments.stream().map(e -> (String) e[0]).toArray(String[]::new),
                scope.disbursed().toArray(String[]::new), at);
        List<BasisRow.DueMonthsRow> rows = new ArrayList<>();
        YearMonth january = YearMonth.of(scope.year(), 1);
        org.subsidyledger.contract.standard.Entitlement program = terms.program(scope.program(), scope.asOf());
        boolean flat = program == null || terms.flat(scope.program(), program, scope.asOf());
        var own = flat ? Map.<String, org.subsidyledger.contract.standard.Entitlement.Individual>of()
                : terms.recipients(scope.program(), enrolments.stream().map(e -> (String) e[0])
                .toArray(String[]::new), scope.asOf());
        for (Object[] e : enrolments) {
            String id = (String) e[0];
            YearMonth start = ((YearMonth) e[2]).isAfter(january) ? (YearMonth) e[2] : january;
            long due = 0;
            long dueFen = 0;
            long paidDue = 0;
            List<String> excluded = new ArrayList<>();
            for (YearMonth m = start; !m.isAfter(through); m = m.plusMonths(1)) {
                if (notDue.getOrDefault(id, Set.of()).contains(m)) {
                    excluded.add(m.toString());
                } else {
                    due++;
                    dueFen += flat || own.get(id) == null ? (long) e[3] : program.due(own.get(id), m);
                    paidDue += paid.getOrDefault(id, Set.of()).contains(m) ? 1 : 0;
                }
            }
            rows.add(new BasisRow.DueMonthsRow(id, (String) e[1], e[2].toString(), due, Amounts.yuan(dueFen),
                    paidDue, List.copyOf(excluded), (String) e[4]));
        }
        return List.copyOf(rows);
    }

    /** The condition that keeps a region-scoped computation to its recipients ({@link Scope#regions()}). */
    private static String region(Scope scope, String enrolment) {
        return scope.regional() ? " AND " + enrolment + ".region LIKE ANY (?)" : "";
    }

    /** The positional parameters, with the regions' patterns after them when the scope is regional. */
    private static Object[] with(Scope scope, Object... parameters) {
        java.util.List<Object> values = new ArrayList<>(java.util.Arrays.asList(parameters));
        if (scope.regional()) {
            values.add(scope.regionPatterns());
        }
        return values.toArray();
    }

    private static Object[] append(Object[] parameters, Object... more) {
        Object[] all = java.util.Arrays.copyOf(parameters, parameters.length + more.length);
        System.arraycopy(more, 0, all, parameters.length, more.length);
        return all;
    }

    /**
     * For every recipient of the program with a fact active as of the moment, the months of the year through
     * "through" that the facts make not due — each fact as it stood then (later corrections, endings and
     * retractions undone).
     */
    private Map<String, Set<YearMonth>> notDueMonths(Scope scope) {
        return factMonths(scope, false);
    }

    /**
     * For every recipient of the program with a withholding (rule 10) active as of the moment, the months of the year
     * through "through" it withholds — each as it stood then.
     */
    Map<String, Set<YearMonth>> withheldMonths(Scope scope) {
        Map<String, Set<YearMonth>> withheld = factMonths(scope, true);
        certificationWithheld(scope).forEach((id, months) ->
                withheld.computeIfAbsent(id, k -> new HashSet<>()).addAll(months));
        return withheld;
    }

    /**
     * The months of the year through "through" withheld because a certification is overdue (rule 11) as of the moment:
     * each recipient's baseline is their latest certification recorded by then (or the enrolment month's first day),
     * and a month is withheld when the baseline is overdue on its first day ({@code CertificationSchedule}). A month
     * that a certification recorded by then released is an arrear, not withheld. Withholding only grows month by
     * month, so only those withheld in "through" have any withheld month at all.
     */
    private Map<String, Set<YearMonth>> certificationWithheld(Scope scope) {
        int every = scope.certificationMonths();
        Map<String, Set<YearMonth>> withheld = new HashMap<>();
        if (every <= 0) {
            return withheld;
        }
        Timestamp at = Timestamp.from(scope.asOf());
        YearMonth first = YearMonth.of(scope.year(), 1);
        jdbc.query("""
                        SELECT e.recipient_id, greatest(e.effective_from, l.certified_on) AS baseline
                        FROM enrolment_view e
                        LEFT JOIN LATERAL (SELECT max(c.certified_on) AS certified_on FROM certification_view c
                                           WHERE c.recipient_id = e.recipient_id AND c.recorded_at <= ?
                                             AND (c.program_code = e.program_code OR c.program_code IS NULL)) l ON true
                        WHERE e.program_code = ? AND e.enrolled_at <= ?
                          AND greatest(e.effective_from, l.certified_on) <= ?""" + region(scope, "e"), rs -> {
            LocalDate baseline = rs.getDate(2).toLocalDate();
            Set<YearMonth> months = new HashSet<>();
            for (YearMonth m = first; !m.isAfter(scope.through()); m = m.plusMonths(1)) {
                if (CertificationSchedule.isWithheld(baseline, every, m)) {
                    months.add(m);
                }
            }
            withheld.put(rs.getString(1), months);
        }, with(scope, at, scope.program(), at,
                java.sql.Date.valueOf(CertificationSchedule.latestBaselineWithheldIn(scope.through(), every))));
        return withheld;
    }

    private Map<String, Set<YearMonth>> factMonths(Scope scope, boolean withholding) {
        Timestamp at = Timestamp.from(scope.asOf());
        String program = scope.program();
        Map<String, Fact> facts = new LinkedHashMap<>();
        Map<String, Boolean> retracted = new HashMap<>();
        jdbc.query("""
                        SELECT f.fact_id, f.recipient_id, f.kind, f.from_date, f.to_date, f.state, f.detail
                        FROM life_fact_view f
                        WHERE f.recorded_at <= ? AND (f.program_code IS NULL OR f.program_code = ?)
                          AND EXISTS (SELECT 1 FROM enrolment_view e WHERE e.program_code = ?
                                      AND e.recipient_id = f.recipient_id""" + region(scope, "e") + ")", rs -> {
            FactKind kind = FactKind.valueOf(rs.getString(3));
            facts.put(rs.getString(1), new Fact(rs.getString(2), kind,
                    rs.getDate(4).toLocalDate(), rs.getDate(5) == null ? null : rs.getDate(5).toLocalDate(),
                    kind == FactKind.SUSPENSION
                            && org.subsidyledger.contract.fact.SuspensionKind.withholds(rs.getString(7))));
            retracted.put(rs.getString(1), "RETRACTED".equals(rs.getString(6)));
        }, with(scope, at, program, program));
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
                        rs.getDate(3).toLocalDate(), rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate(),
                        fact.withholds()));
                case "ENDED" -> facts.put(rs.getString(1), new Fact(fact.recipientId(), fact.kind(), fact.from(),
                        null, fact.withholds()));
                case "RETRACTED" -> retracted.put(rs.getString(1), false);
                default -> throw new IllegalStateException("unknown fact change " + rs.getString(2));
            }
        }, at, at, program);
        Map<String, Set<YearMonth>> notDue = new HashMap<>();
        for (Map.Entry<String, Fact> entry : facts.entrySet()) {
            Fact fact = entry.getValue();
            if (retracted.get(entry.getKey()) || fact.withholds() != withholding) {
                continue;
            }
            NotDueMonths.of(fact.kind(), fact.from(), fact.to()).ifPresent(months -> {
                for (YearMonth m = YearMonth.of(scope.year(), 1); !m.isAfter(scope.through()); m = m.plusMonths(1)) {
                    if (months.contains(m)) {
                        notDue.computeIfAbsent(fact.recipientId(), k -> new HashSet<>()).add(m);
                    }
                }
            });
        }
        return notDue;
    }

    private static long monthIndex(YearMonth month) {
        return month.getYear() * 12L + month.getMonthValue() - 1;
    }

    private static String[] ids(Set<String> ids) {
        return ids.toArray(String[]::new);
    }
}
