package org.subsidyledger.projections.evaluation;

import java.util.Optional;
import org.springframework.stereotype.Component;
import org.subsidyledger.projections.indicator.IndicatorCalculator;
import org.subsidyledger.projections.port.RubricCatalog;

/** The rubrics bundled under {@code rubrics/} ({@link Rubrics}), offered to the write side as its catalog. */
@Component
public class ShippedRubrics implements RubricCatalog {

    @Override
    public Optional<Terms> find(String id, int version) {
        return Rubrics.find(id, version).map(ShippedRubrics::terms);
    }

    @Override
    public boolean computed(String indicator) {
        return IndicatorCalculator.COMPUTED.contains(indicator);
    }

    /** The indicator an item reads, or the ones it reads, comma-separated; null for a qualitative item. */
    static String reads(ScoringRule rule) {
        return rule.reads().isEmpty() ? null : String.join(",", rule.reads());
    }

    private static Terms terms(Rubric rubric) {
        return new Terms(rubric.id(), rubric.version(), rubric.items().stream()
                .map(item -> new Item(item.key(), item.level3(), item.points(),
                        item.rule().kind() == ScoringRule.Kind.QUALITATIVE, reads(item.rule())))
                .toList(), rubric.indicators());
    }
}
