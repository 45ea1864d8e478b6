package org.subsidyledger.projections.indicator;

/**
 * One indicator, declared once ({@link IndicatorRegistry}): its key and Chinese name, its unit, what its numerator and
 * denominator count or sum, and where its definition comes from. The table's figure, the drill-down of each side and
 * the export are derived from this declaration.
 *
 * @param numerator   null only for a derived figure
 * @param denominator null for an amount or a count (the value is the numerator)
 * @param derivation  how a derived figure is computed from others, in words (null when it is a ratio of sources)
 */
public record Indicator(String key, String name, Unit unit, Side numerator, Side denominator, String reference,
                        String derivation) {

    /** What a figure is measured in: a rate (4 decimals), 元 (2 decimals) or a count. */
    public enum Unit {
        RATE("rate"), YUAN("yuan"), COUNT("count");

        private final String json;

        Unit(String json) {
            this.json = json;
        }

        /** As the table writes it. */
        public String json() {
            return json;
        }
    }

    /** Whether a side counts its source's rows or sums their amounts. */
    public enum Measure {
        COUNT, SUM
    }

    /** One side of a figure: a source and whether it is counted or summed. */
    public record Side(Source source, Measure measure) {

        public static Side count(Source source) {
            return new Side(source, Measure.COUNT);
        }

        public static Side sum(Source source) {
            return new Side(source, Measure.SUM);
        }
    }

    /** The side named {@code numerator} or {@code denominator}; null when the figure has none. */
    public Side side(String name) {
        return switch (name) {
            case "numerator" -> numerator;
            case "denominator" -> denominator;
            default -> null;
        };
    }
}
