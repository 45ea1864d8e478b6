package org.subsidyledger.projections.indicator;

import java.math.BigDecimal;
import org.subsidyledger.projections.port.AccessScope;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.subsidyledger.projections.indicator.Indicator.Measure;
import org.subsidyledger.projections.indicator.Indicator.Side;
import org.subsidyledger.projections.indicator.Indicator.Unit;
import org.subsidyledger.projections.indicator.IndicatorSources.Total;
import org.subsidyledger.projections.indicator.IndicatorSources.Totals;
import org.subsidyledger.projections.support.Amounts;

/**
 * The indicator table of one program and year as of a moment: every figure of the {@link IndicatorRegistry} from its
 * sources' totals ({@link IndicatorSources}), and the months of the year from the same sources month by month. Every
 * row counted was recorded (its event's timestamp) at or before the moment, and every later change — a bank return, a
 * fact corrected or retracted, a case adjusted or repaid — is undone. So a figure asked as of a past moment equals
 * what the ledger answered then, even after later facts (a death learned in March changes February's figures only as
 * of March).
 */
@Component
public class IndicatorCalculator {

    /** The indicators computed here; a rubric may read others, entered by an evaluator (survey figures). */
    public static final Set<String> COMPUTED = IndicatorRegistry.COMPUTED;

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

    /**
     * @param regions      the 行政区划 prefixes the figures are computed over (the caller's scope, or {@code region=}
     *                     within it); empty for the whole program
     * @param programLevel when {@code regions} is not empty: the indicators with a side that is the program's own
     *                     (funds, the annual plan, batches), not divided by region — only the others add up across
     *                     regions to the program's figure
     */
    public record IndicatorTable(String program, int year, Instant asOf, List<Figure> indicators,
                                 List<Month> months, List<String> regions, List<String> programLevel) {
    }

    /** One month's figures in 分, as the sources give them or as a month close sealed them. */
    private record MonthTotals(long batches, long onTimeBatches, long linesSent, long linesReturned, long payments,
                               long fullPayments, long spendingFen) {

        static final MonthTotals NONE = new MonthTotals(0, 0, 0, 0, 0, 0, 0);

        static MonthTotals of(Totals totals, YearMonth month) {
            return new MonthTotals(totals.of(Source.BATCHES_DISBURSED, month).count(),
                    totals.of(Source.BATCHES_ON_TIME, month).count(), totals.of(Source.PAYMENTS_SENT, month).count(),
                    totals.of(Source.PAYMENTS_RETURNED, month).count(), totals.of(Source.PAYMENTS_PAID, month).count(),
                    totals.of(Source.PAYMENTS_PAID_FULL, month).count(), totals.of(Source.PAYMENTS_PAID, month).fen());
        }

        MonthTotals plus(MonthTotals o) {
            return new MonthTotals(batches + o.batches, onTimeBatches + o.onTimeBatches, linesSent + o.linesSent,
                    linesReturned + o.linesReturned, payments + o.payments, fullPayments + o.fullPayments,
                    spendingFen + o.spendingFen);
        }

        MonthTotals minus(MonthTotals o) {
            return plus(new MonthTotals(-o.batches, -o.onTimeBatches, -o.linesSent, -o.linesReturned, -o.payments,
                    -o.fullPayments, -o.spendingFen));
        }
    }

    private final IndicatorSources sources;
    private final JdbcTemplate jdbc;

    public IndicatorCalculator(IndicatorSources sources, JdbcTemplate jdbc) {
        this.sources = sources;
        this.jdbc = jdbc;
    }

    /** The table as of a moment: every row counted by its recorded time. */
    public IndicatorTable compute(String program, int year, Instant asOf) {
        return compute(sources.scope(program, year, asOf), false);
    }

    /** The table as of a moment (now when null) over what {@code caller} may see, narrowed to {@code region}. */
    public IndicatorTable compute(String program, int year, Instant asOf, AccessScope caller, String region) {
        Scope scope = sources.scope(program, year, asOf == null ? Instant.now() : asOf, caller.narrowedTo(region));
        return compute(scope, asOf == null);
    }

    /**
     * The table now: the same figures, with the payment side read from the running totals the batch projection keeps
     * (V13) instead of the year's lines — a dozen batch rows and one row per recipient paid.
     */
    public IndicatorTable current(String program, int year) {
        return compute(sources.scope(program, year, Instant.now()), true);
    }

    /** The table of a scope, the payments read from the running totals when {@code running}. */
    IndicatorTable compute(Scope scope, boolean running) {
        Totals totals = sources.totals(scope, IndicatorRegistry.sources(), running);
        List<Figure> figures = new ArrayList<>();
        Map<String, Figure> byKey = new HashMap<>();
        for (Indicator indicator : IndicatorRegistry.ALL) {
            Figure figure = indicator.derivation() == null ? figure(indicator, totals)
                    : costSaving(indicator, scope, byKey.get("averagePerPersonMonth"));
            figures.add(figure);
            byKey.put(figure.key(), figure);
        }
        List<String> programLevel = !scope.regional() ? List.of() : IndicatorRegistry.ALL.stream()
                .filter(i -> i.derivation() != null || !i.numerator().source().family().ofRecipients()
                        || (i.denominator() != null && !i.denominator().source().family().ofRecipients()))
                .map(Indicator::key).toList();
        return new IndicatorTable(scope.program(), scope.year(), scope.asOf(), List.copyOf(figures),
                months(scope, totals), scope.regions(), programLevel);
    }

    /** One figure: its sides from their sources' totals, its value their ratio (or the numerator). */
    static Figure figure(Indicator indicator, Totals totals) {
        String numerator = side(indicator.numerator(), totals);
        if (indicator.denominator() == null) {
            return new Figure(indicator.key(), indicator.name(), indicator.unit().json(), numerator, null, numerator);
        }
        String denominator = side(indicator.denominator(), totals);
        return new Figure(indicator.key(), indicator.name(), indicator.unit().json(), numerator, denominator,
                ratio(numerator, denominator, indicator.unit() == Unit.RATE ? 4 : 2));
    }

    /** A side's figure: its source's count, or sum in 元; null when the source has no total (no annual plan). */
    static String side(Side side, Totals totals) {
        Total total = totals.of(side.source());
        if (total == null) {
            return null;
        }
        return side.measure() == Measure.SUM ? Amounts.yuan(total.fen()) : Long.toString(total.count());
    }

    /** 成本节约率: (the program's standard − the average per person-month) ÷ the standard. */
    private static Figure costSaving(Indicator indicator, Scope scope, Figure average) {
        BigDecimal standard = BigDecimal.valueOf(scope.standardFen()).movePointLeft(2);
        String numerator = average.value() == null ? null
                : standard.subtract(new BigDecimal(average.value())).toPlainString();
        return new Figure(indicator.key(), indicator.name(), indicator.unit().json(), numerator,
                standard.toPlainString(), ratio(numerator, standard.toPlainString(), 4));
    }

    private static String ratio(String numerator, String denominator, int scale) {
        if (numerator == null || denominator == null || new BigDecimal(denominator).signum() == 0) {
            return null;
        }
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), scale, RoundingMode.HALF_UP)
                .toPlainString();
    }

    /**
     * The months of the year: those with a batch disbursed, those closed as of the moment (with their sealed
     * figures), and the first open month after the last closed one (with the adjustments to the closed months).
     */
    private List<Month> months(Scope scope, Totals totals) {
        TreeMap<YearMonth, MonthTotals> sealed = new TreeMap<>();
        Map<YearMonth, String> closedAt = new HashMap<>();
        jdbc.query("""
                        SELECT month, batches, on_time_batches, lines_sent, lines_returned, payments, full_payments,
                               spending_fen, closed_at
                        FROM month_close_view
                        WHERE program_code = ? AND month >= ? AND month < ? AND closed_at <= ?""", rs -> {
            YearMonth month = YearMonth.from(rs.getDate(1).toLocalDate());
            sealed.put(month, new MonthTotals(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                    rs.getLong(6), rs.getLong(7), rs.getLong(8)));
            closedAt.put(month, rs.getTimestamp(9).toInstant().toString());
        }, scope.program(), Date.valueOf(scope.from()), Date.valueOf(scope.to()), Timestamp.from(scope.asOf()));
        if (scope.regional()) { // a month close seals the program's figures, not a region's: show the current ones
            sealed.clear();
            closedAt.clear();
        }
        Set<YearMonth> listed = new TreeSet<>(totals.months().keySet());
        listed.addAll(sealed.keySet());
        YearMonth nextOpen = sealed.isEmpty() ? null : sealed.lastKey().plusMonths(1);
        if (nextOpen != null) {
            listed.add(nextOpen);
        }
        MonthTotals adjustment = MonthTotals.NONE;
        for (Map.Entry<YearMonth, MonthTotals> closed : sealed.entrySet()) {
            adjustment = adjustment.plus(current(totals, closed.getKey()).minus(closed.getValue()));
        }
        List<Month> months = new ArrayList<>();
        for (YearMonth month : listed) {
            MonthTotals f = sealed.containsKey(month) ? sealed.get(month) : current(totals, month);
            MonthTotals a = adjustment;
            Adjustment adjustments = month.equals(nextOpen) ? new Adjustment(a.batches(), a.onTimeBatches(),
                    a.linesSent(), a.linesReturned(), a.payments(), a.fullPayments(), Amounts.yuan(a.spendingFen()))
                    : null;
            months.add(new Month(month.toString(), f.batches(), f.onTimeBatches(), f.linesSent(), f.linesReturned(),
                    f.payments(), f.fullPayments(), Amounts.yuan(f.spendingFen()), closedAt.get(month), adjustments));
        }
        return List.copyOf(months);
    }

    private static MonthTotals current(Totals totals, YearMonth month) {
        return totals.months().containsKey(month) ? MonthTotals.of(totals, month) : MonthTotals.NONE;
    }

    /** The program's standard and deadline day, if it existed at the moment; else 404 {@code UNKNOWN_PROGRAM}. */
    public Scope scope(String program, int year, Instant asOf) {
        return sources.scope(program, year, asOf);
    }
}
