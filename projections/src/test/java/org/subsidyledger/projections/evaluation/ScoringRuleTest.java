package org.subsidyledger.projections.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.subsidyledger.projections.evaluation.ScoringRule.Band;
import org.subsidyledger.projections.evaluation.ScoringRule.Kind;

class ScoringRuleTest {

    private static final BigDecimal FIVE = new BigDecimal("5");
    private static final BigDecimal TEN = new BigDecimal("10");

    @Test
    void proportionalEarnsItsShareOfThePointsUpToTheTargetAndNothingBelowTheFloor() {
        ScoringRule rule = new ScoringRule(Kind.PROPORTIONAL, "fundsArrivalRate", null, null, null, null, null);
        assertThat(rule.score(FIVE, new BigDecimal("0.91"))).isEqualByComparingTo("4.55");
        assertThat(rule.score(FIVE, new BigDecimal("1.5221"))).as("capped").isEqualByComparingTo("5.00");
        ScoringRule floored = new ScoringRule(Kind.PROPORTIONAL, "budgetExecutionRate", BigDecimal.ONE,
                new BigDecimal("0.60"), null, null, null);
        assertThat(floored.score(FIVE, new BigDecimal("0.5999"))).isEqualByComparingTo("0");
        assertThat(floored.score(FIVE, new BigDecimal("0.60"))).isEqualByComparingTo("3.00");
        ScoringRule amount = new ScoringRule(Kind.PROPORTIONAL, "averagePerPersonMonth", new BigDecimal("120"), null,
                null, null, null);
        assertThat(amount.score(TEN, new BigDecimal("114.00"))).isEqualByComparingTo("9.50");
    }

    @Test
    void perPercentDeductionTakesAPointPerWholePercentShortOfTheTargetDownToZero() {
        ScoringRule rule = new ScoringRule(Kind.PER_PERCENT_DEDUCTION, "recipientCompletionRate", null, null,
                BigDecimal.ONE, null, null);
        assertThat(rule.score(TEN, new BigDecimal("1.0956"))).isEqualByComparingTo("10");
        assertThat(rule.score(TEN, new BigDecimal("0.953"))).as("4.7 points short: 4 whole").isEqualByComparingTo("6");
        assertThat(rule.score(TEN, new BigDecimal("0.50"))).isEqualByComparingTo("0");
    }

    @Test
    void bandsEarnThePointsOfTheHighestBandReached() {
        ScoringRule rule = new ScoringRule(Kind.BANDS, "satisfactionRate", null, null, null, null, List.of(
                new Band(new BigDecimal("0.90"), TEN), new Band(new BigDecimal("0.80"), new BigDecimal("8")),
                new Band(new BigDecimal("0.60"), new BigDecimal("3"))));
        assertThat(rule.score(TEN, new BigDecimal("0.8578"))).isEqualByComparingTo("8");
        assertThat(rule.score(TEN, new BigDecimal("0.90"))).isEqualByComparingTo("10");
        assertThat(rule.score(TEN, new BigDecimal("0.7999"))).isEqualByComparingTo("3");
        assertThat(rule.score(TEN, new BigDecimal("0.5"))).isEqualByComparingTo("0");
        assertThatThrownBy(() -> new ScoringRule(Kind.BANDS, "x", null, null, null, null, List.of(
                new Band(new BigDecimal("0.60"), FIVE), new Band(new BigDecimal("0.90"), TEN))))
                .hasMessageContaining("highest");
    }

    @Test
    void perCaseDeductionIsFlooredAtZero() {
        ScoringRule rule = new ScoringRule(Kind.PER_CASE_DEDUCTION, "lateBatches", null, null, null,
                new BigDecimal("2"), null);
        assertThat(rule.score(FIVE, BigDecimal.ZERO)).isEqualByComparingTo("5");
        assertThat(rule.score(FIVE, new BigDecimal("2"))).isEqualByComparingTo("1");
        assertThat(rule.score(FIVE, new BigDecimal("3"))).isEqualByComparingTo("0");
    }

    @Test
    void criteriaDeductionLosesTheCriterionsPointsOnAnyCaseItsIndicatorsCount() {
        ScoringRule rule = hongtaEligibility();
        Map<String, BigDecimal> none = Map.of("overpaymentCases.DUPLICATE_CLAIM", BigDecimal.ZERO,
                "overpaymentCases.SUSPENSION", BigDecimal.ZERO, "overpaymentCases.DUPLICATE_ONE_OFF", BigDecimal.ZERO,
                "overpaymentCases.DEATH", BigDecimal.ZERO);
        assertThat(rule.score(TEN, none)).isEqualByComparingTo("10");
        Map<String, BigDecimal> oneGrant = new java.util.HashMap<>(none);
        oneGrant.put("overpaymentCases.DUPLICATE_ONE_OFF", BigDecimal.ONE);
        assertThat(rule.score(TEN, oneGrant)).as("one case is enough: 不重 lost").isEqualByComparingTo("7");
        Map<String, BigDecimal> hongta = Map.of("overpaymentCases.DUPLICATE_CLAIM", new BigDecimal("5"),
                "overpaymentCases.SUSPENSION", new BigDecimal("5"), "overpaymentCases.DUPLICATE_ONE_OFF",
                new BigDecimal("82"), "overpaymentCases.DEATH", new BigDecimal("6"));
        assertThat(rule.score(TEN, hongta)).as("红塔区: 16 persons and 82 grants, 扣6分").isEqualByComparingTo("4");
        assertThat(rule.input(hongta)).as("the cases found").isEqualByComparingTo("98");
        assertThat(rule.reads()).containsExactly("overpaymentCases.DUPLICATE_CLAIM", "overpaymentCases.SUSPENSION",
                "overpaymentCases.DUPLICATE_ONE_OFF", "overpaymentCases.DEATH");
        Map<String, BigDecimal> partial = new java.util.HashMap<>(hongta);
        partial.remove("overpaymentCases.DEATH");
        assertThat(rule.input(partial)).as("missing while one indicator is").isNull();
    }

    @Test
    void aCriteriaDeductionNeedsCriteriaWithIndicatorsAndNoMoreThanItsItemsPoints() {
        assertThatThrownBy(() -> new ScoringRule(Kind.CRITERIA_DEDUCTION, null, null, null, null, null, null, null))
                .hasMessageContaining("criterion");
        assertThatThrownBy(() -> new ScoringRule.Criterion("不重", new BigDecimal("3"), List.of()))
                .hasMessageContaining("indicators");
        assertThatThrownBy(() -> new ScoringRule(Kind.PER_CASE_DEDUCTION, "lateBatches", null, null, null,
                BigDecimal.ONE, null, List.of(new ScoringRule.Criterion("x", BigDecimal.ONE, List.of("lateBatches")))))
                .hasMessageContaining("only CRITERIA_DEDUCTION");
        assertThatThrownBy(() -> new Rubric.Item("eligibility", "产出", "产出质量", "审核精准性", new BigDecimal("5"),
                hongtaEligibility(), null)).hasMessageContaining("more than its points");
        assertThatThrownBy(() -> hongtaEligibility().score(TEN, BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** 红塔区 领取对象审核精准性: ① 不重不漏不错 3, ② 死亡次月不再领取 3 (③ 领取条件 4 is not the ledger's to find). */
    private static ScoringRule hongtaEligibility() {
        return new ScoringRule(Kind.CRITERIA_DEDUCTION, null, null, null, null, null, null, List.of(
                new ScoringRule.Criterion("不重不漏不错", new BigDecimal("3"), List.of("overpaymentCases.DUPLICATE_CLAIM",
                        "overpaymentCases.SUSPENSION", "overpaymentCases.DUPLICATE_ONE_OFF")),
                new ScoringRule.Criterion("死亡次月不再领取", new BigDecimal("3"), List.of("overpaymentCases.DEATH"))));
    }

    @Test
    void aQualitativeScoreIsTheEvaluatorsBetweenZeroAndThePoints() {
        ScoringRule rule = new ScoringRule(Kind.QUALITATIVE, null, null, null, null, null, null);
        assertThat(rule.score(new BigDecimal("4"), new BigDecimal("3.5"))).isEqualByComparingTo("3.50");
        assertThatThrownBy(() -> rule.score(new BigDecimal("4"), new BigDecimal("4.5")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScoringRule(Kind.PROPORTIONAL, null, null, null, null, null, null))
                .hasMessageContaining("indicator");
    }

    @Test
    void anEvaluationWithAMissingInputListsItAndHasNoGrade() {
        Rubric rubric = new Rubric("r", 1, "P", 2023, "r", "test", List.of(
                new Rubric.Item("a", "决策", "立项", "依据", FIVE, new ScoringRule(Kind.QUALITATIVE, null, null, null,
                        null, null, null), null),
                new Rubric.Item("b", "过程", "资金", "到位率", FIVE, new ScoringRule(Kind.PROPORTIONAL,
                        "fundsArrivalRate", null, null, null, null, null), null)));
        Scorer.Evaluation partial = Scorer.score(rubric, Map.of("fundsArrivalRate", new BigDecimal("0.91")),
                Map.of());
        assertThat(partial.complete()).isFalse();
        assertThat(partial.grade()).isNull();
        assertThat(partial.items().get(0).missing()).isTrue();
        assertThat(partial.total()).isEqualByComparingTo("4.55");
        assertThat(Scorer.score(rubric, Map.of("fundsArrivalRate", BigDecimal.ONE), Map.of("a", FIVE)).grade())
                .isEqualTo(Grade.EXCELLENT);
    }

    @Test
    void gradesFollowTheThresholds() {
        assertThat(Grade.of(new BigDecimal("90"))).isEqualTo(Grade.EXCELLENT);
        assertThat(Grade.of(new BigDecimal("89.99"))).isEqualTo(Grade.GOOD);
        assertThat(Grade.of(new BigDecimal("80"))).isEqualTo(Grade.GOOD);
        assertThat(Grade.of(new BigDecimal("60"))).isEqualTo(Grade.FAIR);
        assertThat(Grade.of(new BigDecimal("59.99")).label()).isEqualTo("差");
    }
}
