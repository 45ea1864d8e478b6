package org.subsidyledger.projections.indicator;

import org.subsidyledger.contract.certification.CertificationSchedule;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one computation of the indicators is about: a program's year as of a moment, with what every source needs of
 * the program then — its standard and deadline day — and the batches of the year disbursed by the moment (few: one or
 * two a month), whose latest month is "through", the end of the year's months so far.
 */
public record Scope(String program, int year, Instant asOf, long standardFen, int deadlineDay,
                    List<String> disbursed, YearMonth through, List<String> regions, int certificationMonths) {

    public Scope {
        disbursed = List.copyOf(disbursed);
        regions = List.copyOf(regions);
    }

    public Scope(String program, int year, Instant asOf, long standardFen, int deadlineDay, List<String> disbursed,
                 YearMonth through) {
        this(program, year, asOf, standardFen, deadlineDay, disbursed, through, List.of(), 0);
    }

    public Scope(String program, int year, Instant asOf, long standardFen, int deadlineDay, List<String> disbursed,
                 YearMonth through, List<String> regions) {
        this(program, year, asOf, standardFen, deadlineDay, disbursed, through, regions, 0);
    }

    /** The same program-year and moment over the recipients registered in {@code regions} (prefixes) only. */
    public Scope within(List<String> prefixes) {
        return new Scope(program, year, asOf, standardFen, deadlineDay, disbursed, through, prefixes,
                certificationMonths);
    }

    /**
     * Whether the figures are of part of the program: the recipients whose enrolment's 行政区划 starts with one of
     * {@link #regions()}. Then the recipient-level sources (payments, due months, cases) are filtered; the program's
     * own figures (funds, plan, batches) stay whole.
     */
    public boolean regional() {
        return !regions.isEmpty();
    }

    /** The regions as {@code LIKE} patterns, bound as one array parameter. */
    String[] regionPatterns() {
        return regions.stream().map(r -> r + "%").toArray(String[]::new);
    }

    /** The day {@code certificationRate} is counted on: the moment's business day, at most the year's last day. */
    LocalDate certificationDay() {
        LocalDate day = org.subsidyledger.contract.value.BusinessDates.of(asOf);
        LocalDate last = LocalDate.of(year, 12, 31);
        return day.isAfter(last) ? last : day;
    }

    LocalDate from() {
        return LocalDate.of(year, 1, 1);
    }

    LocalDate to() {
        return LocalDate.of(year + 1, 1, 1);
    }

    /** The named parameters of the sources' SQL. */
    Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("program", program);
        parameters.put("year", year);
        parameters.put("from", Date.valueOf(from()));
        parameters.put("to", Date.valueOf(to()));
        parameters.put("at", Timestamp.from(asOf));
        parameters.put("deadline", deadlineDay);
        // bound as one array parameter, not a literal cast per row (a cast of a text parameter to varchar[] is
        // evaluated for every line scanned: 11 s instead of 1.4 s over 3.6M lines)
        parameters.put("disbursed", disbursed.toArray(String[]::new));
        parameters.put("through", through == null ? null : Date.valueOf(through.atDay(1)));
        parameters.put("regions", regionPatterns());
        // existence certification (rule 11): the day the year is seen on — the moment's day, or the year's last day
        // for a past year — and the earliest baseline still current on it
        LocalDate day = certificationDay();
        parameters.put("month_start", Date.valueOf(day.withDayOfMonth(1)));
        parameters.put("certified_since", certificationMonths <= 0 ? null : Date.valueOf(
                CertificationSchedule.earliestCurrentBaseline(day, certificationMonths)));
        return parameters;
    }
}
