package org.subsidyledger.projections.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;

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
 */
public record ScoringRule(Kind kind, String indicator, BigDecimal target, BigDecimal floor,
                          BigDecimal pointsPerPercent, BigDecimal pointsPerCase, List<Band> bands) {

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
        QUALITATIVE
    }

    /** A band of a {@code BANDS} rule: from {@code atLeast} on, {@code points}. */
    public record Band(BigDecimal atLeast, BigDecimal points) {
    }

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public ScoringRule {
        if (kind == null) {
            throw new IllegalArgumentException("a rule needs a kind");
        }
        if (kind != Kind.QUALITATIVE && (indicator == null || indicator.isBlank())) {
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
        };
        return earned.max(BigDecimal.ZERO).min(points).setScale(2, RoundingMode.HALF_UP);
    }

    private BigDecimal targetOrOne() {
        return target == null ? BigDecimal.ONE : target;
    }
}
