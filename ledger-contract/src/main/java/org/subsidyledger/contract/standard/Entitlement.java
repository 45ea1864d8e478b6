package org.subsidyledger.contract.standard;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.subsidyledger.contract.program.AgeSupplement;

/**
 * What is due for one recipient of a program in a month (rule 9): the base standard in force for the month — the
 * recipient's individual standard if one applies, else the program's — plus the age supplement reached by then. The
 * changes given are those known at the moment asked; the write side gives all it knows, the read models those recorded
 * by the moment, so both answer with this one function.
 *
 * @param programStandardFen the program's standard as created, 分
 * @param programChanges     the program-wide changes
 * @param supplements        the program's age supplements
 */
public record Entitlement(long programStandardFen, List<Change> programChanges, List<AgeSupplement> supplements) {

    /**
     * A standard from a month on; {@code order} orders changes recorded for the same month (later wins).
     */
    public record Change(YearMonth from, long standardFen, long order) {
    }

    /**
     * A recipient's own terms: the standard enrolled with if it is individual (else null: the program's applies), and
     * the individual changes recorded.
     */
    public record Individual(LocalDate birthDate, Long enrolledStandardFen, YearMonth enrolledFrom,
                             List<Change> changes) {

        public Individual {
            changes = changes == null || changes.isEmpty() ? List.of() : sorted(changes);
        }
    }

    public Entitlement {
        programChanges = sorted(programChanges);
        supplements = supplements.stream().sorted(Comparator.comparingInt(AgeSupplement::fromAge)).toList();
    }

    /** The program's base standard for the month, before any individual standard or supplement. */
    public long programStandard(YearMonth month) {
        Change change = inForce(programChanges, month);
        return change == null ? programStandardFen : change.standardFen();
    }

    /** What is due for the recipient in the month, 分. */
    public long due(Individual recipient, YearMonth month) {
        Change own = recipient.changes().isEmpty() ? null : inForce(recipient.changes(), month);
        long base;
        if (own != null) {
            base = own.standardFen();
        } else if (recipient.enrolledStandardFen() != null) {
            base = recipient.enrolledStandardFen();
        } else {
            base = programStandard(month);
        }
        return base + supplement(recipient.birthDate(), month);
    }

    /**
     * The supplement of the highest age reached: an age counts from the month after the birthday on which it is
     * reached (如皋: +5 元 from the month after the 65th birthday).
     */
    public long supplement(LocalDate birthDate, YearMonth month) {
        if (birthDate == null) {
            return 0;
        }
        // In month numbers (year × 12 + month − 1): the age's first month is the month after the birthday's month,
        // and a 29 February birthday falls in February whatever the year — plain arithmetic, no dates, as this runs
        // for every person-month of a program-wide change.
        int monthNumber = month.getYear() * 12 + month.getMonthValue() - 1;
        int birthNumber = birthDate.getYear() * 12 + birthDate.getMonthValue() - 1;
        long amount = 0;
        for (AgeSupplement supplement : supplements) {
            if (monthNumber >= birthNumber + supplement.fromAge() * 12 + 1) {
                amount = supplement.amountFen();
            }
        }
        return amount;
    }

    /** The first month of the age: the month after the birthday on which it is reached. */
    public static YearMonth firstMonthAtAge(LocalDate birthDate, int age) {
        return YearMonth.from(birthDate.plusYears(age)).plusMonths(1);
    }

    /** Whether anything but one flat standard can apply: changes or supplements. */
    public boolean flat() {
        return programChanges.isEmpty() && supplements.isEmpty();
    }

    /** The birth date in a valid 18-character 公民身份号码 (characters 7–14). */
    public static LocalDate birthDate(String recipientId) {
        Objects.requireNonNull(recipientId, "recipientId");
        return LocalDate.of(Integer.parseInt(recipientId.substring(6, 10)), Integer.parseInt(recipientId.substring(10, 12)),
                Integer.parseInt(recipientId.substring(12, 14)));
    }

    private static Change inForce(List<Change> changes, YearMonth month) {
        Change found = null;
        for (Change change : changes) {
            if (!change.from().isAfter(month)) {
                found = change;
            }
        }
        return found;
    }

    private static List<Change> sorted(List<Change> changes) {
        return changes.stream().sorted(Comparator.comparing(Change::from).thenComparingLong(Change::order)).toList();
    }
}
