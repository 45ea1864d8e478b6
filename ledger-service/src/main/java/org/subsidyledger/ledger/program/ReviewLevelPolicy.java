package org.subsidyledger.ledger.program;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * How many business review levels a program must have before finance approval (业务三级审核), by the program's
 * region: {@code ledger.review.required-levels} (3) unless a region prefix of
 * {@code ledger.review.required-levels-by-region} matches (the longest prefix wins). A program created with fewer
 * needs an ADMIN's approval with a reason ({@link Program}).
 *
 * @param requiredLevels         levels required where no prefix matches, 1–3
 * @param requiredLevelsByRegion levels by 行政区划 prefix, e.g. {@code 6501: 2}
 */
@ConfigurationProperties("ledger.review")
record ReviewLevelPolicy(Integer requiredLevels, Map<String, Integer> requiredLevelsByRegion) {

    ReviewLevelPolicy {
        requiredLevels = requiredLevels == null ? 3 : requiredLevels;
        requiredLevelsByRegion = requiredLevelsByRegion == null ? Map.of() : Map.copyOf(requiredLevelsByRegion);
        check(requiredLevels, "ledger.review.required-levels");
        requiredLevelsByRegion.forEach((prefix, levels) -> {
            if (!prefix.matches("\\d{1,12}")) {
                throw new IllegalArgumentException("ledger.review.required-levels-by-region: '" + prefix
                        + "' is not a region prefix (1–12 digits)");
            }
            check(levels, "ledger.review.required-levels-by-region." + prefix);
        });
    }

    /** The levels a program of {@code region} must have. */
    int requiredFor(String region) {
        String longest = null;
        for (String prefix : requiredLevelsByRegion.keySet()) {
            if (region.startsWith(prefix) && (longest == null || prefix.length() > longest.length())) {
                longest = prefix;
            }
        }
        return longest == null ? requiredLevels : requiredLevelsByRegion.get(longest);
    }

    private static void check(Integer levels, String setting) {
        if (levels == null || levels < 1 || levels > 3) {
            throw new IllegalArgumentException(setting + " must be 1–3, is " + levels);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ReviewLevelPolicy.class)
    static class Enable {
    }
}
