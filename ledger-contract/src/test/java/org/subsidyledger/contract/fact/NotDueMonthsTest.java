package org.subsidyledger.contract.fact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/** rule 3, docs/rules.md, rule by rule. */
class NotDueMonthsTest {

    @Test
    void theMonthOfDeathIsDueAndEveryLaterMonthIsNot() {
        NotDueMonths months = NotDueMonths.of(FactKind.DEATH, LocalDate.of(2023, 3, 31), null).orElseThrow();
        assertThat(months.contains(YearMonth.of(2023, 3))).isFalse();
        assertThat(months.contains(YearMonth.of(2023, 4))).isTrue();
        assertThat(months.contains(YearMonth.of(2030, 1))).isTrue();
        assertThat(NotDueMonths.of(FactKind.DEATH, LocalDate.of(2023, 12, 1), null).orElseThrow().first())
                .isEqualTo(YearMonth.of(2024, 1));
    }

    @Test
    void aSuspensionMakesMonthAfterItsStartThroughItsEndMonthNotDue() {
        NotDueMonths months = NotDueMonths.of(FactKind.SUSPENSION, LocalDate.of(2023, 2, 10),
                LocalDate.of(2023, 6, 5)).orElseThrow();
        assertThat(months).isEqualTo(new NotDueMonths(YearMonth.of(2023, 3), YearMonth.of(2023, 6)));
        assertThat(months.contains(YearMonth.of(2023, 2))).isFalse();
        assertThat(months.contains(YearMonth.of(2023, 7))).isFalse();   // payment resumes in month(e)+1
    }

    @Test
    void anOpenSuspensionRunsOnAndOneWithinAMonthMakesNothingNotDue() {
        assertThat(NotDueMonths.of(FactKind.SUSPENSION, LocalDate.of(2023, 2, 10), null).orElseThrow().last())
                .isNull();
        assertThat(NotDueMonths.of(FactKind.SUSPENSION, LocalDate.of(2023, 2, 1), LocalDate.of(2023, 2, 28)))
                .isEmpty();
        assertThat(NotDueMonths.of(FactKind.SUSPENSION, LocalDate.of(2023, 2, 28), LocalDate.of(2023, 3, 1))
                .orElseThrow()).isEqualTo(new NotDueMonths(YearMonth.of(2023, 3), YearMonth.of(2023, 3)));
    }

    @Test
    void aDuplicateClaimMakesItsOwnMonthsNotDue() {
        NotDueMonths months = NotDueMonths.of(FactKind.DUPLICATE_CLAIM, LocalDate.of(2023, 2, 1),
                LocalDate.of(2023, 5, 1)).orElseThrow();
        assertThat(months).isEqualTo(new NotDueMonths(YearMonth.of(2023, 2), YearMonth.of(2023, 5)));
    }

    @Test
    void anEndedEnrolmentIsNotDueAfterItsLastDueMonth() {
        assertThat(NotDueMonths.of(FactKind.ENROLMENT_END, LocalDate.of(2023, 4, 1), null).orElseThrow())
                .isEqualTo(new NotDueMonths(YearMonth.of(2023, 5), null));
    }

    @Test
    void eachRuleHasAStableCodeAndADescription() {
        assertThat(NotDueMonths.ruleOf(FactKind.DEATH)).isEqualTo("DEATH_NEXT_MONTH");
        assertThat(NotDueMonths.describe(FactKind.DEATH, LocalDate.of(2023, 3, 31), null))
                .contains("2023-03-31", "2023-04…");
    }
}
