package org.subsidyledger.contract.certification;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The date rule of existence certification (rule 11, docs/rules.md), in one place for the write side (which lines
 * are {@code WITHHELD}) and the read side (the work list, {@code certificationRate}).
 *
 * <p>A recipient's <em>baseline</em> is their latest certification, or — when they have none, or only one before
 * the enrolment — the first day of the enrolment month. With a program certifying every {@code N} months, the
 * baseline is <em>due</em> again on {@code baseline + N months} (clamped to the month's last day: 2024-02-29 + 12 →
 * 2025-02-28; 2023-08-31 + 6 → 2024-02-29). The recipient is <em>current</em> on a day up to and including that due
 * date, <em>overdue</em> after it. A month is withheld when the recipient is overdue at its start (its 1st day):
 * certified 2023-03-10 with N = 12 → due by 2024-03-10 → 2024-04-01 is the first month start after it → withheld
 * from 2024-04 (March 2024 is still paid). Enrolled from 2023-03 without a certification → baseline 2023-03-01 → due
 * 2024-03-01 → withheld from 2024-04. {@code N ≤ 0} means the program does not require certification: nothing is
 * ever withheld.
 *
 * <p>For set-wise SQL the rule is also given as cut-off dates on the baseline ({@link #latestBaselineWithheldIn},
 * {@link #latestBaselineDueBy}, {@link #earliestCurrentBaseline}), which say exactly the same as the functions on
 * one baseline (tested).
 */
public final class CertificationSchedule {

    private CertificationSchedule() {
    }

    /**
     * The date the rule counts from: the later of the enrolment month's first day and the last certification
     * ({@code null}: none).
     */
    public static LocalDate baseline(YearMonth enrolledFrom, LocalDate lastCertification) {
        LocalDate enrolled = enrolledFrom.atDay(1);
        return lastCertification == null || lastCertification.isBefore(enrolled) ? enrolled : lastCertification;
    }

    /** The last day on which a recipient with this baseline is still current: {@code baseline + months}. */
    public static LocalDate dueDate(LocalDate baseline, int months) {
        requireCertifying(months);
        return baseline.plusMonths(months);
    }

    /** Whether a recipient with this baseline is current on {@code day} (certified within {@code months}). */
    public static boolean isCurrent(LocalDate baseline, int months, LocalDate day) {
        return months <= 0 || !day.isAfter(dueDate(baseline, months));
    }

    /** The first month withheld: the first month whose 1st day is after the due date. */
    public static YearMonth firstWithheldMonth(LocalDate baseline, int months) {
        return YearMonth.from(dueDate(baseline, months)).plusMonths(1);
    }

    /** Whether {@code month} is withheld: the recipient is overdue on its 1st day. */
    public static boolean isWithheld(LocalDate baseline, int months, YearMonth month) {
        return !isCurrent(baseline, months, month.atDay(1));
    }

    /** The latest baseline that leaves {@code month} withheld: {@code isWithheld(b, N, month) ⇔ b ≤ this}. */
    public static LocalDate latestBaselineWithheldIn(YearMonth month, int months) {
        requireCertifying(months);
        return month.minusMonths(months + 1L).atEndOfMonth();
    }

    /**
     * The latest baseline whose due date falls in {@code month} or earlier: {@code dueDate(b, N) ≤ month's last day
     * ⇔ b ≤ this}. The office's work list for a month: those due in it and those already overdue.
     */
    public static LocalDate latestBaselineDueBy(YearMonth month, int months) {
        requireCertifying(months);
        return month.minusMonths(months).atEndOfMonth();
    }

    /** The earliest baseline still current on {@code day}: {@code isCurrent(b, N, day) ⇔ b ≥ this}. */
    public static LocalDate earliestCurrentBaseline(LocalDate day, int months) {
        requireCertifying(months);
        LocalDate candidate = day.minusMonths(months);
        // day − N months may be clamped (03-31 − 1 → 02-29); its due date is then before the day
        return candidate.plusMonths(months).isBefore(day) ? candidate.plusDays(1) : candidate;
    }

    /**
     * The months a new certification releases: those withheld under the previous baseline, up to and including
     * {@code through} (the month it is recorded in: later months were never reached), that the new baseline no
     * longer withholds. Empty when the program does not certify or nothing was withheld.
     */
    public static List<YearMonth> releasedMonths(int months, LocalDate previousBaseline, LocalDate nextBaseline,
                                                 YearMonth through) {
        if (months <= 0 || !nextBaseline.isAfter(previousBaseline)) {
            return List.of();
        }
        YearMonth stillWithheld = firstWithheldMonth(nextBaseline, months);
        List<YearMonth> released = new ArrayList<>();
        for (YearMonth m = firstWithheldMonth(previousBaseline, months); !m.isAfter(through)
                && m.isBefore(stillWithheld); m = m.plusMonths(1)) {
            released.add(m);
        }
        return List.copyOf(released);
    }

    private static void requireCertifying(int months) {
        if (months <= 0) {
            throw new IllegalArgumentException("the program does not require certification (months " + months + ")");
        }
    }
}
