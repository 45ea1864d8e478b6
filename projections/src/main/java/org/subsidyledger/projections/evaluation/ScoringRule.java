package org.subsidyledger.projections.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one rubric item turns its input into points (docs/indicators.md, rule kinds seen in the evaluation reports). The input is
 * an indicator's value — a rate as a fraction (0.91 for 91%), an amount in 元, or a count — or, for a
 * {@code QUALITATIVE} item, the score an evaluator entered.
 *
 * @param kind             the rule
 * @param indicator        the indicator key the rule reads (none for {@code QUALITATIVE})
 * @param target           {@code PROPORTIONAL}: the value that earns full points (default 1); {@code
 *                         PER_PERCENT_DEDUCTION}: the rate below which points are deducted (default 1)
 * @param floor            {@code PROPORTIONAL}: below this value nothing is earned (e.g. 预算执行率 below 60%)
 * @param pointsPerPercent {@code PER_PERCENT_DEDUCTION}: points deducted per whole percentage point short of target
 * @param pointsPerCase    {@code PER_CASE_DEDUCTION}: points deducted per case counted by the indicator
 * @param bands            {@code BANDS}: the least value of each band and the points it earns, highest first;
 *                         below the last band nothing is earned
 * @param criteria         {@code CRITERIA_DEDUCTION}: the 评分标准 whose points are deducted when the ledger finds
 *                         cases against them, each naming the indicators that count those cases
 */
public record ScoringRule(Kind kind, String indicator, BigDecimal target, BigDecimal floor,
                          BigDecimal pointsPerPercent, BigDecimal pointsPerCase, List<Band> bands,
                          List<Criterion> criteria) {

    public enum Kind {
        /** {@code points × min(value / target, 1)}, 0 below {@code floor}: 资金到位率 91% of 5 → 4.55. */
        PROPORTIONAL,
        /** {@code points − pointsPerPercent × whole percentage points below target}, at least 0. */
        PER_PERCENT_DEDUCTION,
        /** the points of the highest band the value reaches: ≥90% full, 80–90% 3 of 5 … */
        BANDS,
        /** {@code points − pointsPerCase × cases}, at least 0: −2 per late batch. */
        PER_CASE_DEDUCTION,
        /** entered by an evaluator, between 0 and the item's points: 立项依据, 制度健全 … */
        QUALITATIVE,
        /**
         * {@code points − the points of every criterion whose indicators count at least one case}, at least 0: 红塔区
         * 审核精准性 — 不重不漏不错 3 and 死亡次月不再领取 3 lost on the 追回台账's cases, 4 of 10 left.
         */
        CRITERIA_DEDUCTION
    }

    /**
     * A criterion of a {@code CRITERIA_DEDUCTION} rule: its {@code points} are deducted when its {@code indicators}
     * (counts of cases, e.g. {@code overpaymentCases.DEATH}) add up to more than 0.
     *
     * @param name the criterion as the rubric words it (死亡人员死亡次月不再领取待遇)
     */
    public record Criterion(String name, BigDecimal points, List<String> indicators) {

        public Criterion {
            if (name == null || name.isBlank() || points == null || points.signum() <= 0) {
                throw new IllegalArgumentException("a criterion needs a name and positive points");
            }
            if (indicators == null || indicators.isEmpty() || indicators.stream().anyMatch(i -> i == null
                    || i.isBlank())) {
                throw new IllegalArgumentException("criterion " + name + " needs the indicators that count its cases");
            }
            indicators = List.copyOf(indicators);
        }
    }

    /** A band of a {@code BANDS} rule: from {@code atLeast} on, {@code points}. */
    public record Band(BigDecimal atLeast, BigDecimal points) {
    }

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public ScoringRule {
        if (kind == null) {
            throw new IllegalArgumentException("a rule needs a kind");
        }
        if (kind == Kind.CRITERIA_DEDUCTION) {
            if (criteria == null || criteria.isEmpty()) {
                throw new IllegalArgumentException("CRITERIA_DEDUCTION needs at least one criterion");
            }
            if (indicator != null) {
                throw new IllegalArgumentException("CRITERIA_DEDUCTION reads its criteria's indicators, not one");
            }
        } else if (criteria != null && !criteria.isEmpty()) {
            throw new IllegalArgumentException("only CRITERIA_DEDUCTION has criteria");
        }
        if (kind != Kind.QUALITATIVE && kind != Kind.CRITERIA_DEDUCTION
                && (indicator == null || indicator.isBlank())) {
            throw new IllegalArgumentException(kind + " needs the indicator it reads");
        }
        if (kind == Kind.PER_PERCENT_DEDUCTION && pointsPerPercent == null) {
            throw new IllegalArgumentException("PER_PERCENT_DEDUCTION needs pointsPerPercent");
        }
        if (kind == Kind.PER_CASE_DEDUCTION && pointsPerCase == null) {
            throw new IllegalArgumentException("PER_CASE_DEDUCTION needs pointsPerCase");
        }
        if (kind == Kind.BANDS) {
            if (bands == null || bands.isEmpty()) {
                throw new IllegalArgumentException("BANDS needs at least one band");
            }
            List<Band> sorted = bands.stream().sorted(Comparator.comparing(Band::atLeast).reversed()).toList();
            if (!sorted.equals(bands)) {
                throw new IllegalArgumentException("bands are listed from the highest down");
            }
        }
        if (target != null && target.signum() <= 0) {
            throw new IllegalArgumentException("a target is positive");
        }
        bands = bands == null ? List.of() : List.copyOf(bands);
        criteria = criteria == null ? List.of() : List.copyOf(criteria);
    }

    /** A rule of one of the single-indicator kinds, or {@code QUALITATIVE}. */
    public ScoringRule(Kind kind, String indicator, BigDecimal target, BigDecimal floor, BigDecimal pointsPerPercent,
                       BigDecimal pointsPerCase, List<Band> bands) {
        this(kind, indicator, target, floor, pointsPerPercent, pointsPerCase, bands, null);
    }

    /** The indicators the rule reads, in order: its {@code indicator}, or its criteria's; none for {@code QUALITATIVE}. */
    public List<String> reads() {
        if (kind == Kind.CRITERIA_DEDUCTION) {
            LinkedHashSet<String> keys = new LinkedHashSet<>();
            criteria.forEach(criterion -> keys.addAll(criterion.indicators()));
            return List.copyOf(keys);
        }
        return indicator == null ? List.of() : List.of(indicator);
    }

    /**
     * The input the rule is scored from: its indicator's value, or for {@code CRITERIA_DEDUCTION} the cases found, the
     * sum of every indicator it reads; null when one of them is missing, and for {@code QUALITATIVE}.
     */
    public BigDecimal input(Map<String, BigDecimal> indicators) {
        BigDecimal sum = BigDecimal.ZERO;
        for (String key : reads()) {
            BigDecimal value = indicators.get(key);
            if (value == null) {
                return null;
            }
            sum = sum.add(value);
        }
        return kind == Kind.CRITERIA_DEDUCTION ? sum : indicator == null ? null : indicators.get(indicator);
    }

    /**
     * The points earned out of {@code points} by a {@code CRITERIA_DEDUCTION} rule from the indicators' values (each
     * it reads present), to the 0.01: every criterion whose indicators count a case loses its points.
     */
    public BigDecimal score(BigDecimal points, Map<String, BigDecimal> indicators) {
        if (kind != Kind.CRITERIA_DEDUCTION) {
            return score(points, input(indicators));
        }
        BigDecimal earned = points;
        for (Criterion criterion : criteria) {
            BigDecimal cases = criterion.indicators().stream().map(key -> Objects.requireNonNull(
                    indicators.get(key), key)).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (cases.signum() > 0) {
                earned = earned.subtract(criterion.points());
            }
        }
        return earned.max(BigDecimal.ZERO).min(points).setScale(2, RoundingMode.HALF_UP);
    }

    /**
     * The points earned out of {@code points} for {@code value}, to the 0.01, rounded half up.
     *
     * @param value the indicator's value, or the evaluator's score for {@code QUALITATIVE}
     */
    public BigDecimal score(BigDecimal points, BigDecimal value) {
        BigDecimal earned = switch (kind) {
            case PROPORTIONAL -> {
                if (floor != null && value.compareTo(floor) < 0) {
                    yield BigDecimal.ZERO;
                }
                BigDecimal share = value.divide(targetOrOne(), 10, RoundingMode.HALF_UP);
                yield points.multiply(share.min(BigDecimal.ONE).max(BigDecimal.ZERO));
            }
            case PER_PERCENT_DEDUCTION -> {
                BigDecimal shortfall = targetOrOne().subtract(value).multiply(HUNDRED)
                        .setScale(0, RoundingMode.DOWN).max(BigDecimal.ZERO);
                yield points.subtract(pointsPerPercent.multiply(shortfall));
            }
            case BANDS -> bands.stream().filter(band -> value.compareTo(band.atLeast()) >= 0)
                    .map(Band::points).findFirst().orElse(BigDecimal.ZERO);
            case PER_CASE_DEDUCTION -> points.subtract(pointsPerCase.multiply(value));
            case QUALITATIVE -> {
                if (value.signum() < 0 || value.compareTo(points) > 0) {
                    throw new IllegalArgumentException("a score is between 0 and " + points.toPlainString());
                }
                yield value;
            }
            case CRITERIA_DEDUCTION -> throw new IllegalArgumentException(
                    "CRITERIA_DEDUCTION is scored from its criteria's indicators, not one value");
        };
        return earned.max(BigDecimal.ZERO).min(points).setScale(2, RoundingMode.HALF_UP);
    }

    private BigDecimal targetOrOne() {
        return target == null ? BigDecimal.ONE : target;
    }
}
