package org.subsidyledger.projections.port;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rubrics (评分表) the ledger ships, as the write side needs them to accept an evaluator's entries: which items
 * exist, which are scored by hand and up to how many points, which indicators a rubric reads and which of them the
 * ledger computes (those cannot be entered). Command handlers ask it; nothing reads a rubric while an aggregate is
 * rebuilt from its events.
 */
public interface RubricCatalog {

    /** The rubric, at {@code version}, or its latest version when {@code version} is 0. */
    Optional<Terms> find(String id, int version);

    /** Whether the ledger computes this indicator from its events. */
    boolean computed(String indicator);

    /** @param indicators every indicator the rubric's items read */
    record Terms(String id, int version, List<Item> items, Set<String> indicators) {

        public Terms {
            items = List.copyOf(items);
            indicators = Set.copyOf(indicators);
        }

        public Optional<Item> item(String key) {
            return items.stream().filter(item -> item.key().equals(key)).findFirst();
        }
    }

    /**
     * @param qualitative scored by an evaluator (else from {@code indicator}: its key, or its keys comma-separated)
     * @param points      the item's 分值, the highest score
     */
    record Item(String key, String name, BigDecimal points, boolean qualitative, String indicator) {
    }
}
