package org.subsidyledger.contract.certification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;

class CertificationScheduleTest {

    private static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    private static YearMonth m(String month) {
        return YearMonth.parse(month);
    }

    @Test
    void certifiedInMarchWithTwelveMonthsIsWithheldFromAprilOfTheNextYear() {
        LocalDate certified = d("2023-03-10");
        assertThat(CertificationSchedule.dueDate(certified, 12)).isEqualTo(d("2024-03-10"));
        assertThat(CertificationSchedule.firstWithheldMonth(certified, 12)).isEqualTo(m("2024-04"));
        assertThat(CertificationSchedule.isWithheld(certified, 12, m("2024-03"))).isFalse();
        assertThat(CertificationSchedule.isWithheld(certified, 12, m("2024-04"))).isTrue();
        assertThat(CertificationSchedule.isCurrent(certified, 12, d("2024-03-10"))).isTrue();
        assertThat(CertificationSchedule.isCurrent(certified, 12, d("2024-03-11"))).isFalse();
    }

    @Test
    void sixMonthsCountFromTheCertificationDay() {
        assertThat(CertificationSchedule.dueDate(d("2024-01-15"), 6)).isEqualTo(d("2024-07-15"));
        assertThat(CertificationSchedule.firstWithheldMonth(d("2024-01-15"), 6)).isEqualTo(m("2024-08"));
    }

    @Test
    void aCertificationOnTheFirstIsDueOnTheFirstAndTheMonthStartingThatDayIsStillPaid() {
        assertThat(CertificationSchedule.dueDate(d("2023-03-01"), 12)).isEqualTo(d("2024-03-01"));
        assertThat(CertificationSchedule.isWithheld(d("2023-03-01"), 12, m("2024-03"))).isFalse();
        assertThat(CertificationSchedule.firstWithheldMonth(d("2023-03-01"), 12)).isEqualTo(m("2024-04"));
    }

    @Test
    void aCertificationOnTheLastDayOfAMonthIsWithheldFromTheMonthAfterNext() {
        assertThat(CertificationSchedule.firstWithheldMonth(d("2023-12-31"), 12)).isEqualTo(m("2025-01"));
        assertThat(CertificationSchedule.firstWithheldMonth(d("2023-12-31"), 6)).isEqualTo(m("2024-07"));
    }

    @Test
    void february29IsDueOnFebruary28InTheYearsWithout() {
        assertThat(CertificationSchedule.dueDate(d("2024-02-29"), 12)).isEqualTo(d("2025-02-28"));
        assertThat(CertificationSchedule.firstWithheldMonth(d("2024-02-29"), 12)).isEqualTo(m("2025-03"));
        assertThat(CertificationSchedule.dueDate(d("2024-02-29"), 6)).isEqualTo(d("2024-08-29"));
        assertThat(CertificationSchedule.dueDate(d("2023-08-31"), 6)).isEqualTo(d("2024-02-29"));
        assertThat(CertificationSchedule.dueDate(d("2022-08-31"), 6)).isEqualTo(d("2023-02-28"));
        assertThat(CertificationSchedule.isCurrent(d("2024-02-29"), 12, d("2025-02-28"))).isTrue();
        assertThat(CertificationSchedule.isCurrent(d("2024-02-29"), 12, d("2025-03-01"))).isFalse();
    }

    @Test
    void anEnrolmentWithoutCertificationCountsFromTheFirstOfItsMonth() {
        assertThat(CertificationSchedule.baseline(m("2023-03"), null)).isEqualTo(d("2023-03-01"));
        assertThat(CertificationSchedule.firstWithheldMonth(CertificationSchedule.baseline(m("2023-03"), null), 12))
                .isEqualTo(m("2024-04"));
    }

    @Test
    void aCertificationBeforeTheEnrolmentChangesNothing() {
        assertThat(CertificationSchedule.baseline(m("2023-03"), d("2022-12-01"))).isEqualTo(d("2023-03-01"));
        assertThat(CertificationSchedule.baseline(m("2023-03"), d("2023-05-20"))).isEqualTo(d("2023-05-20"));
    }

    @Test
    void aProgramWithoutCertificationNeverWithholds() {
        assertThat(CertificationSchedule.isWithheld(d("1990-01-01"), 0, m("2024-01"))).isFalse();
        assertThat(CertificationSchedule.isCurrent(d("1990-01-01"), 0, d("2024-01-01"))).isTrue();
        assertThat(CertificationSchedule.releasedMonths(0, d("1990-01-01"), d("2024-01-01"), m("2024-01"))).isEmpty();
        assertThatThrownBy(() -> CertificationSchedule.dueDate(d("2024-01-01"), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLaterCertificationReleasesTheMonthsWithheldThroughItsMonth() {
        // withheld from 2024-04; certified again on 2024-06-15 (recorded in June)
        assertThat(CertificationSchedule.releasedMonths(12, d("2023-03-10"), d("2024-06-15"), m("2024-06")))
                .containsExactly(m("2024-04"), m("2024-05"), m("2024-06"));
        // recorded late, in August, with the June date: July and August were withheld meanwhile
        assertThat(CertificationSchedule.releasedMonths(12, d("2023-03-10"), d("2024-06-15"), m("2024-08")))
                .containsExactly(m("2024-04"), m("2024-05"), m("2024-06"), m("2024-07"), m("2024-08"));
        // certified before falling due: nothing was withheld
        assertThat(CertificationSchedule.releasedMonths(12, d("2023-03-10"), d("2024-03-01"), m("2024-03")))
                .isEmpty();
        // an older certification recorded late releases nothing
        assertThat(CertificationSchedule.releasedMonths(12, d("2023-03-10"), d("2023-01-01"), m("2024-08")))
                .isEmpty();
    }

    @Test
    void theCutOffDatesSayTheSameAsTheRuleOnEveryBaselineAroundMonthEnds() {
        List<Integer> periods = List.of(1, 6, 12, 24);
        for (int n : periods) {
            for (LocalDate b = d("2022-11-01"); b.isBefore(d("2025-04-01")); b = b.plusDays(1)) {
                for (YearMonth month = m("2023-01"); month.isBefore(m("2027-06")); month = month.plusMonths(1)) {
                    assertThat(!b.isAfter(CertificationSchedule.latestBaselineWithheldIn(month, n)))
                            .as("withheld %s N=%d %s", b, n, month)
                            .isEqualTo(CertificationSchedule.isWithheld(b, n, month));
                    assertThat(!b.isAfter(CertificationSchedule.latestBaselineDueBy(month, n)))
                            .as("due by %s N=%d %s", b, n, month)
                            .isEqualTo(!CertificationSchedule.dueDate(b, n).isAfter(month.atEndOfMonth()));
                }
            }
            for (LocalDate day = d("2024-01-01"); day.isBefore(d("2025-12-31")); day = day.plusDays(1)) {
                LocalDate earliest = CertificationSchedule.earliestCurrentBaseline(day, n);
                assertThat(CertificationSchedule.isCurrent(earliest, n, day)).as("%s N=%d", day, n).isTrue();
                assertThat(CertificationSchedule.isCurrent(earliest.minusDays(1), n, day)).as("%s N=%d", day, n)
                        .isFalse();
            }
        }
    }

    @Test
    void methodsAreReadInEnglishOrChinese() {
        assertThat(CertificationMethod.parse("face")).isEqualTo(CertificationMethod.FACE);
        assertThat(CertificationMethod.parse("人脸识别")).isEqualTo(CertificationMethod.FACE);
        assertThat(CertificationMethod.parse(" 入户 ")).isEqualTo(CertificationMethod.HOME_VISIT);
        assertThat(CertificationMethod.parse("社区")).isEqualTo(CertificationMethod.COMMUNITY);
        assertThat(CertificationMethod.parse("其他")).isEqualTo(CertificationMethod.OTHER);
        assertThat(CertificationMethod.parse("home-visit")).isEqualTo(CertificationMethod.HOME_VISIT);
        assertThatThrownBy(() -> CertificationMethod.parse("电话"))
                .isInstanceOfSatisfying(LedgerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CERTIFICATION_METHOD));
    }
}
