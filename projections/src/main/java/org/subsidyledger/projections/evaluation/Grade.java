package org.subsidyledger.projections.evaluation;

import java.math.BigDecimal;

/** The grade of a total score (docs/indicators.md): 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below. */
public enum Grade {
    EXCELLENT("优"), GOOD("良"), FAIR("中"), POOR("差");

    private final String label;

    Grade(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Grade of(BigDecimal total) {
        if (total.compareTo(BigDecimal.valueOf(90)) >= 0) {
            return EXCELLENT;
        }
        if (total.compareTo(BigDecimal.valueOf(80)) >= 0) {
            return GOOD;
        }
        return total.compareTo(BigDecimal.valueOf(60)) >= 0 ? FAIR : POOR;
    }
}
