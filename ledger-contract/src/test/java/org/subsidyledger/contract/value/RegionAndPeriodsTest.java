package org.subsidyledger.contract.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class RegionAndPeriodsTest {

    @Test
    void acceptsSixNineAndTwelveDigitRegionCodes() {
        assertThat(Region.parse("650102").code()).isEqualTo("650102");
        assertThat(Region.parse("650102001").code()).isEqualTo("650102001");
        assertThat(Region.parse("650102001001").code()).isEqualTo("650102001001");
    }

    @Test
    void rejectsOtherRegionCodes() {
        assertThatThrownBy(() -> Region.parse("6501")).hasMessageContaining("行政区划");
        assertThatThrownBy(() -> Region.parse("乌鲁木齐")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void parsesMonthsAndRejectsImpossibleOnes() {
        assertThat(Periods.parseMonth("2023-02")).isEqualTo(YearMonth.of(2023, 2));
        assertThatThrownBy(() -> Periods.parseMonth("2023-13")).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> Periods.parseMonth("2023/02")).hasMessageContaining("YYYY-MM");
    }

    @Test
    void refusesMonthsAndDatesOutsideTheLedgersRange() {
        assertThat(Periods.parseMonth("2000-01")).isEqualTo(YearMonth.of(2000, 1));
        assertThat(Periods.parseMonth("2100-12")).isEqualTo(YearMonth.of(2100, 12));
        assertThatThrownBy(() -> Periods.parseMonth("9999-12")).hasMessageContaining("outside");
        assertThatThrownBy(() -> Periods.parseMonth("1999-12")).hasMessageContaining("outside");
        assertThatThrownBy(() -> Periods.parseDate("0001-01-01")).hasMessageContaining("outside");
        assertThatThrownBy(() -> Periods.parseDate("2101-01-01")).hasMessageContaining("outside");
        assertThat(Periods.parseDate("1900-01-01")).isEqualTo(java.time.LocalDate.of(1900, 1, 1));
    }

    @Test
    void rejectsImpossibleDates() {
        assertThatThrownBy(() -> Periods.parseDate("2023-02-30")).hasMessageContaining("does not exist");
    }

    @Test
    void programCodesStartWithALetter() {
        assertThat(new ProgramCode("URUMQI-1995").value()).isEqualTo("URUMQI-1995");
        assertThatThrownBy(() -> new ProgramCode("1995")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new ProgramCode("urumqi")).isInstanceOf(InvalidValueException.class);
    }
}
