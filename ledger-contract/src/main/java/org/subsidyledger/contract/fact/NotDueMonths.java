package org.subsidyledger.contract.fact;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;

/**
 * The months a fact makes not due (rule 3, docs/rules.md): from {@code first} through {@code last}, or open-ended when
 * {@code last} is {@code null}. Every fact is reduced to a span of two dates (see {@link #of}); this is the one place
 * that turns a span into months, used by batch posting, overpayment detection and the read models alike.
 */
public record NotDueMonths(YearMonth first, YearMonth last) {

    public NotDueMonths {
        Objects.requireNonNull(first, "first");
        if (last != null && last.isBefore(first)) {
            throw new IllegalArgumentException("last " + last + " is before first " + first);
        }
    }

    public boolean contains(YearMonth month) {
        return !month.isBefore(first) && (last == null || !month.isAfter(last));
    }

    /**
     * The not-due months of a fact given as a span.
     *
     * @param from DEATH: the date of death; SUSPENSION: its first day; DUPLICATE_CLAIM: the first day of its first
     *             month; ENROLMENT_END: the first day of the last month due
     * @param to   SUSPENSION: its last day, or {@code null} while open; DUPLICATE_CLAIM: the first day of its last
     *             month; otherwise {@code null}
     * @return empty when the fact makes no month not due (a suspension that begins and ends in one month)
     */
    public static Optional<NotDueMonths> of(FactKind kind, LocalDate from, LocalDate to) {
        Objects.requireNonNull(from, "from");
        YearMonth start = YearMonth.from(from);
        return switch (kind) {
            case DEATH, ENROLMENT_END -> Optional.of(new NotDueMonths(start.plusMonths(1), null));
            case SUSPENSION -> {
                if (to == null) {
                    yield Optional.of(new NotDueMonths(start.plusMonths(1), null));
                }
                YearMonth end = YearMonth.from(to);
                yield end.isAfter(start) ? Optional.of(new NotDueMonths(start.plusMonths(1), end)) : Optional.empty();
            }
            case DUPLICATE_CLAIM -> Optional.of(new NotDueMonths(start, YearMonth.from(Objects.requireNonNull(to,
                    "a duplicate claim has a last month"))));
            case STANDARD_CHANGE, DUPLICATE_ONE_OFF -> throw new IllegalArgumentException(kind
                    + " is not a life fact: it makes no month not due");
        };
    }

    /** The stable code of the rule that turns a fact of {@code kind} into not-due months. */
    public static String ruleOf(FactKind kind) {
        return switch (kind) {
            case DEATH -> "DEATH_NEXT_MONTH";
            case SUSPENSION -> "SUSPENSION_MONTHS";
            case DUPLICATE_CLAIM -> "DUPLICATE_CLAIM_MONTHS";
            case ENROLMENT_END -> "ENROLMENT_ENDED";
            case STANDARD_CHANGE -> "STANDARD_CHANGE_DIFFERENCE";
            case DUPLICATE_ONE_OFF -> "ONE_OFF_AT_MOST_ONCE";
        };
    }

    /** A sentence stating the rule applied to this fact, for the recovery ledger and the auditor. */
    public static String describe(FactKind kind, LocalDate from, LocalDate to) {
        if (!kind.lifeFact()) {
            throw new IllegalArgumentException(kind + " is not a life fact");
        }
        Optional<NotDueMonths> months = of(kind, from, to);
        String range = months.map(NotDueMonths::toString).orElse("no month");
        return switch (kind) {
            case DEATH -> "死亡次月停发: died " + from + ", " + YearMonth.from(from) + " is due, " + range
                    + " not due";
            case SUSPENSION -> "停发: suspended " + from + " to " + (to == null ? "(open)" : to) + ", " + range
                    + " not due, nothing back-paid";
            case DUPLICATE_CLAIM -> "重复领取: paid by another scheme " + range + ", not due here";
            case ENROLMENT_END -> "终止: last month due " + YearMonth.from(from) + ", " + range + " not due";
            case STANDARD_CHANGE, DUPLICATE_ONE_OFF -> throw new IllegalArgumentException(kind
                    + " is not a life fact");
        };
    }

    @Override
    public String toString() {
        return first + "…" + (last == null ? "" : last.toString());
    }
}
