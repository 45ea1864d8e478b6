package org.subsidyledger.projections.evaluation;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An evaluation rubric (绩效评价指标体系) as data: items with their level-1/2/3 names, points and scoring rule. One
 * rubric per program and year, versioned: a changed rubric is a new version, and an evaluation names the version it
 * was scored with.
 *
 * @param source where the rubric comes from (the report, the 评分标准 it follows)
 */
public record Rubric(String id, int version, String program, int year, String name, String source,
                     List<Item> items) {

    /**
     * One item (三级指标).
     *
     * @param key    stable key of the item within the rubric
     * @param points its 分值
     */
    public record Item(String key, String level1, String level2, String level3, BigDecimal points,
                       ScoringRule rule, String criterion) {

        public Item {
            if (key == null || key.isBlank() || level1 == null || level3 == null) {
                throw new IllegalArgumentException("an item needs a key, a level-1 and a level-3 name");
            }
            if (points == null || points.signum() <= 0) {
                throw new IllegalArgumentException("item " + key + " needs positive points");
            }
            if (rule == null) {
                throw new IllegalArgumentException("item " + key + " needs a rule");
            }
            BigDecimal deductible = rule.criteria().stream().map(ScoringRule.Criterion::points)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            if (deductible.compareTo(points) > 0) {
                throw new IllegalArgumentException("item " + key + "'s criteria deduct more than its points");
            }
        }
    }

    public Rubric {
        if (id == null || id.isBlank() || version < 1) {
            throw new IllegalArgumentException("a rubric needs an id and a version from 1");
        }
        if (items == null || items.isEmpty()) {
            throw new IllegalArgumentException("rubric " + id + " has no items");
        }
        items = List.copyOf(items);
        Set<String> keys = new HashSet<>();
        for (Item item : items) {
            if (!keys.add(item.key())) {
                throw new IllegalArgumentException("rubric " + id + " names item " + item.key() + " twice");
            }
        }
    }

    /** The sum of the items' points (100 for the rubrics of 财预〔2020〕10号). */
    public BigDecimal points() {
        return items.stream().map(Item::points).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The indicators the rubric reads. */
    public Set<String> indicators() {
        Set<String> indicators = new java.util.TreeSet<>();
        items.forEach(item -> indicators.addAll(item.rule().reads()));
        return indicators;
    }
}
