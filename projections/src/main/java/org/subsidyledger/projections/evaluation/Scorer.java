package org.subsidyledger.projections.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scores a rubric: each item from its indicators' values or the evaluator's score. An item whose input is missing is
 * listed as missing and not scored; the evaluation is complete, and has a grade, only when every item is scored.
 */
public final class Scorer {

    private Scorer() {
    }

    /**
     * One scored item.
     *
     * @param input the indicator value or entered score it was scored from, null when missing
     * @param score 得分, null when its input is missing
     * @param rate  得分率 (score ÷ points), null when missing
     */
    public record ScoredItem(Rubric.Item item, BigDecimal input, BigDecimal score, BigDecimal rate) {

        public boolean missing() {
            return score == null;
        }
    }

    /**
     * The table: items, total, whether complete, and the grade when complete — of the total out of 100, or of its
     * share of the rubric's points for a rubric of another size.
     */
    public record Evaluation(Rubric rubric, List<ScoredItem> items, BigDecimal points, BigDecimal total,
                             boolean complete, Grade grade) {
    }

    /**
     * @param indicators the indicators' values by key (rates as fractions)
     * @param entered    the evaluator's scores of the {@code QUALITATIVE} items, by item key
     */
    public static Evaluation score(Rubric rubric, Map<String, BigDecimal> indicators, Map<String, BigDecimal> entered) {
        List<ScoredItem> items = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        boolean complete = true;
        for (Rubric.Item item : rubric.items()) {
            ScoringRule rule = item.rule();
            BigDecimal input = rule.kind() == ScoringRule.Kind.QUALITATIVE ? entered.get(item.key())
                    : rule.input(indicators);
            if (input == null) {
                items.add(new ScoredItem(item, null, null, null));
                complete = false;
                continue;
            }
            BigDecimal score = rule.kind() == ScoringRule.Kind.CRITERIA_DEDUCTION
                    ? rule.score(item.points(), indicators) : rule.score(item.points(), input);
            total = total.add(score);
            items.add(new ScoredItem(item, input, score, score.divide(item.points(), 4, RoundingMode.HALF_UP)));
        }
        return new Evaluation(rubric, List.copyOf(items), rubric.points(), total, complete,
                complete ? Grade.of(total.multiply(BigDecimal.valueOf(100))
                        .divide(rubric.points(), 2, RoundingMode.HALF_UP)) : null);
    }
}
