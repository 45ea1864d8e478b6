package org.subsidyledger.projections.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;

class AccessScopeTest {

    private static AccessScope of(String... authorities) {
        return AccessScope.of(java.util.Arrays.stream(authorities).map(SimpleGrantedAuthority::new).toList());
    }

    @Test
    void anEvaluatorOrAuditorAloneIsMaskedAndAnyRoleThatWorksWithPeopleSeesThemInFull() {
        assertThat(of("ROLE_EVALUATOR").masked()).isTrue();
        assertThat(of("ROLE_AUDITOR", "ROLE_EVALUATOR").masked()).isTrue();
        assertThat(of("ROLE_AUDITOR", "ROLE_INSPECTOR").masked()).isFalse();
        assertThat(of("ROLE_CLERK", "REGION_650102").masked()).isFalse();
    }

    @Test
    void aDistrictCoversItsOwnRecipientsMeetsTheCitysProgramButDoesNotCoverAllOfIt() {
        AccessScope district = of("ROLE_INSPECTOR", "REGION_650102");
        assertThat(district.covers("650102")).isTrue();
        assertThat(district.covers("650102001")).isTrue();
        assertThat(district.covers("650103")).isFalse();
        assertThat(district.covers(null)).isFalse();
        assertThat(district.overlaps("650100")).isTrue();
        assertThat(district.coversAllOf("650100")).isFalse();
        assertThat(district.overlaps("440100")).isFalse();
        AccessScope city = of("ROLE_EVALUATOR", "REGION_6501");
        assertThat(city.coversAllOf("650100")).isTrue();
        assertThat(city.withinProgram("P", "650100").scoped()).as("the whole program: nothing to filter").isFalse();
        assertThat(city.withinProgram("P", "650100").masked()).isTrue();
    }

    @Test
    void aRegionAskedForNarrowsTheScopeAndOneOutsideItIsAsIfItDidNotExist() {
        AccessScope city = of("ROLE_INSPECTOR", "REGION_6501");
        assertThat(city.narrowedTo("650102").regions()).containsExactly("650102");
        assertThat(of("ROLE_INSPECTOR", "REGION_650102").narrowedTo("650100").regions()).containsExactly("650102");
        assertThat(of("ROLE_ADMIN").narrowedTo("650100").regions()).containsExactly("6501");
        assertThatThrownBy(() -> city.narrowedTo("440100")).isInstanceOfSatisfying(LedgerException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> city.narrowedTo("65x")).isInstanceOfSatisfying(LedgerException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_QUERY));
    }

    @Test
    void idNumbersNamesAndFreeTextAreMaskedOnlyForMaskedCallers() {
        AccessScope masked = of("ROLE_AUDITOR");
        AccessScope full = of("ROLE_CLERK");
        assertThat(masked.id("65010219400101001X")).isEqualTo("650102********001X");
        assertThat(full.id("65010219400101001X")).isEqualTo("65010219400101001X");
        assertThat(masked.name("张三")).isEqualTo("张*");
        assertThat(masked.name("欧阳娜娜")).isEqualTo("欧阳**");
        assertThat(masked.name("买买提江")).isEqualTo("买***");
        assertThat(masked.text("end of 65010219400101001X")).isEqualTo("end of 650102********001X");
        assertThat(full.text("end of 65010219400101001X")).isEqualTo("end of 65010219400101001X");
    }

    @Test
    void theSqlConditionIsTrueUnscopedAndALikeOverThePrefixesWhenScoped() {
        assertThat(of("ROLE_CLERK").sql("e.region")).isEqualTo("TRUE");
        AccessScope two = of("ROLE_CLERK", "REGION_650102", "REGION_650103");
        assertThat(two.sql("e.region")).isEqualTo("(e.region LIKE ANY (:scope_regions))");
        assertThat(List.of(two.likePatterns())).containsExactly("650102%", "650103%");
    }
}
