package org.subsidyledger.projections.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The two shipped rubrics score the figures of their evaluation reports as the reports did (docs/rules.md, seed figures). Here the
 * indicator values are computed by hand from the reports' figures; the event-sourced reproduction feeds the same
 * rubrics from recorded events.
 */
class SeedRubricsTest {

    private final List<Rubric> rubrics = Rubrics.bundled();

    @Test
    void bothSeedRubricsAreShippedWithEighteenItemsOfOneHundredPoints() {
        assertThat(rubrics).extracting(r -> r.id() + " v" + r.version()).containsExactly(
                "hongta-rural-pension-2023 v1", "hongta-rural-pension-2023 v2", "urumqi-pre1995-retirees-2023 v1",
                "urumqi-pre1995-retirees-2023 v2");
        assertThat(Rubrics.find("hongta-rural-pension-2023", 0).orElseThrow().version()).isEqualTo(2);
        assertThat(Rubrics.find("urumqi-pre1995-retirees-2023", 0).orElseThrow().version()).isEqualTo(2);
        for (Rubric rubric : rubrics) {
            assertThat(rubric.items()).hasSize(18);
            assertThat(rubric.points()).isEqualByComparingTo("100");
        }
    }

    @Test
    void urumqi2023ScoresNinetyNineAndIsExcellent() {
        Rubric rubric = rubric("urumqi-pre1995-retirees-2023");
        Map<String, BigDecimal> indicators = Map.of(
                "fundsArrivalRate", rate(2140, 2352), // 万元
                "budgetExecutionRate", rate(2140, 2140),
                "yearEndRecipientCompletionRate", rate(14_390, 16_000),
                "payoutCompletionRate", rate(12, 12),
                "fullPaymentRate", BigDecimal.ONE,
                "onTimeRate", rate(12, 12),
                "averagePerPersonMonth", new BigDecimal("120.00"));
        Map<String, BigDecimal> entered = new HashMap<>();
        rubric.items().stream().filter(item -> item.rule().kind() == ScoringRule.Kind.QUALITATIVE)
                .forEach(item -> entered.put(item.key(), item.points()));

        Scorer.Evaluation evaluation = Scorer.score(rubric, indicators, entered);

        assertThat(score(evaluation, "fundsArrival")).isEqualByComparingTo("4.55");
        assertThat(score(evaluation, "recipientsPaid")).isBetween(new BigDecimal("4.49"), new BigDecimal("4.50"));
        assertThat(evaluation.total()).isBetween(new BigDecimal("99.03"), new BigDecimal("99.05"));
        assertThat(evaluation.complete()).isTrue();
        assertThat(evaluation.grade().label()).isEqualTo("优");
    }

    @Test
    void hongta2023ScoresEightyNineAndIsGood() {
        for (int version = 1; version <= 2; version++) {
            Rubric rubric = Rubrics.find("hongta-rural-pension-2023", version).orElseThrow();
            Map<String, BigDecimal> indicators = new HashMap<>(Map.of(
                    "budgetExecutionRate", new BigDecimal("13796.50857").divide(new BigDecimal("9064.31"), 6,
                            RoundingMode.HALF_UP),
                    "recipientCompletionRate", rate(62_331, 56_891),
                    "fullPaymentRate", BigDecimal.ONE,
                    "lateBatches", BigDecimal.ZERO,
                    "dueNotPaidPersonMonths", BigDecimal.ZERO,
                    "satisfactionRate", rate(193, 225)));
            // 追回台账: 16 persons overpaid by duplicate claims, deaths and 服刑 (how many of each the report does not
            // say: any split with a death and one of the others), 82 duplicate 丧葬补助
            indicators.put("overpaymentCases.DUPLICATE_CLAIM", new BigDecimal("5"));
            indicators.put("overpaymentCases.SUSPENSION", new BigDecimal("5"));
            indicators.put("overpaymentCases.DEATH", new BigDecimal("6"));
            indicators.put("overpaymentCases.DUPLICATE_ONE_OFF", new BigDecimal("82"));
            Map<String, BigDecimal> entered = new HashMap<>();
            rubric.items().stream().filter(item -> item.rule().kind() == ScoringRule.Kind.QUALITATIVE)
                    .forEach(item -> entered.put(item.key(), item.points()));
            entered.put("budgetingScience", new BigDecimal("3")); // 预算与实际支出差异较大，扣1分
            entered.put("performanceManagement", new BigDecimal("2")); // 未开展目标审核、未整改，扣2分
            if (version == 1) {
                entered.put("eligibilityAccuracy", new BigDecimal("4")); // entered in version 1
            }

            Scorer.Evaluation evaluation = Scorer.score(rubric, indicators, entered);

            assertThat(score(evaluation, "budgetExecution")).isEqualByComparingTo("5");
            assertThat(score(evaluation, "payoutCompletion")).isEqualByComparingTo("10");
            assertThat(score(evaluation, "eligibilityAccuracy")).as("v" + version).isEqualByComparingTo("4");
            assertThat(score(evaluation, "satisfaction")).isEqualByComparingTo("8");
            assertThat(evaluation.total()).isEqualByComparingTo("89");
            assertThat(evaluation.grade().label()).isEqualTo("良");
        }
        assertThat(Rubrics.find("hongta-rural-pension-2023", 2).orElseThrow().indicators()).contains(
                "overpaymentCases.DEATH", "overpaymentCases.DUPLICATE_ONE_OFF", "satisfactionRate");
    }

    /** The latest version. */
    private Rubric rubric(String id) {
        return Rubrics.find(id, 0).orElseThrow();
    }

    private static BigDecimal score(Scorer.Evaluation evaluation, String key) {
        return evaluation.items().stream().filter(item -> item.item().key().equals(key)).findFirst().orElseThrow()
                .score();
    }

    private static BigDecimal rate(long numerator, long denominator) {
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 6, RoundingMode.HALF_UP);
    }
}
