package org.subsidyledger.contract.standard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.subsidyledger.contract.program.AgeSupplement;

class EntitlementTest {

    /** 如皋 2023 基础养老金: 215 元, +5 from the month after the 65th birthday, +10 (instead) after the 75th. */
    private static final Entitlement RUGAO = new Entitlement(21_500, List.of(),
            List.of(new AgeSupplement(75, 1_000), new AgeSupplement(65, 500)));

    private static Entitlement.Individual bornOn(String date) {
        return new Entitlement.Individual(LocalDate.parse(date), null, YearMonth.of(2020, 1), List.of());
    }

    @Test
    void theAgeSupplementStartsTheMonthAfterTheBirthday() {
        Entitlement.Individual turns65InMarch = bornOn("1958-03-15");
        assertThat(RUGAO.due(turns65InMarch, YearMonth.of(2023, 3))).isEqualTo(21_500);
        assertThat(RUGAO.due(turns65InMarch, YearMonth.of(2023, 4))).isEqualTo(22_000);
    }

    @Test
    void theHighestAgeReachedAppliesAlone() {
        Entitlement.Individual turns75InJune = bornOn("1948-06-30");
        assertThat(RUGAO.due(turns75InJune, YearMonth.of(2023, 6))).isEqualTo(22_000);
        assertThat(RUGAO.due(turns75InJune, YearMonth.of(2023, 7))).isEqualTo(22_500);
    }

    @Test
    void aBirthdayOnTheLastDayOfAMonthAndOnFebruary29th() {
        assertThat(Entitlement.firstMonthAtAge(LocalDate.parse("1958-12-31"), 65)).isEqualTo(YearMonth.of(2024, 1));
        // 2023-02-29 does not exist: the 65th birthday is 2023-02-28, and the supplement starts in March.
        assertThat(Entitlement.firstMonthAtAge(LocalDate.parse("1958-02-28"), 65)).isEqualTo(YearMonth.of(2023, 3));
        assertThat(Entitlement.firstMonthAtAge(LocalDate.parse("1956-02-29"), 67)).isEqualTo(YearMonth.of(2023, 3));
    }

    @Test
    void aRetroactiveProgramChangeAppliesFromItsMonthAndALaterChangeFromTheSameMonthWins() {
        Entitlement changed = new Entitlement(12_000, List.of(
                new Entitlement.Change(YearMonth.of(2023, 7), 12_500, 1),
                new Entitlement.Change(YearMonth.of(2023, 7), 13_000, 2)), List.of());
        Entitlement.Individual anyone = bornOn("1950-01-01");
        assertThat(changed.due(anyone, YearMonth.of(2023, 6))).isEqualTo(12_000);
        assertThat(changed.due(anyone, YearMonth.of(2023, 7))).isEqualTo(13_000);
        assertThat(changed.due(anyone, YearMonth.of(2024, 1))).isEqualTo(13_000);
    }

    @Test
    void anIndividualStandardKeepsOffTheProgramsChangesButNotTheSupplement() {
        Entitlement changed = new Entitlement(21_500, List.of(new Entitlement.Change(YearMonth.of(2023, 7), 22_500, 1)),
                List.of(new AgeSupplement(65, 500)));
        Entitlement.Individual own = new Entitlement.Individual(LocalDate.parse("1950-01-01"), 20_000L,
                YearMonth.of(2020, 1), List.of(new Entitlement.Change(YearMonth.of(2023, 10), 21_000, 3)));
        assertThat(changed.due(own, YearMonth.of(2023, 8))).isEqualTo(20_500);
        assertThat(changed.due(own, YearMonth.of(2023, 10))).isEqualTo(21_500);
    }

    @Test
    void theBirthDateIsReadFromTheId() {
        assertThat(Entitlement.birthDate("11010519491231002X")).isEqualTo(LocalDate.of(1949, 12, 31));
    }
}
