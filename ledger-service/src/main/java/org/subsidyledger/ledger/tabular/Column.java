package org.subsidyledger.ledger.tabular;

import java.util.List;

/**
 * A column a file may have: its key, the header names it may appear under (Chinese and English), and what it holds —
 * which decides how a spreadsheet's numeric and date cells in it are read ({@link Kind}).
 */
public record Column(String key, List<String> headers, boolean required, Kind kind) {

    /** What a column holds; a CSV's text and an XLSX's typed cells are both read into the column's plain text form. */
    public enum Kind {
        /** Plain text; a numeric cell is its shortest exact decimal ({@code 650102000000}, never {@code 6.50102E+11}). */
        TEXT,
        /**
         * A 公民身份号码: text only. A numeric cell (or its CSV trace, {@code 1.10105E+17}) has lost digits in the
         * spreadsheet; the row is rejected {@code ID_NOT_TEXT}.
         */
        ID,
        /**
         * 元: a numeric cell is its shortest exact decimal whatever its number format ({@code 1,200.00}, {@code ¥120.00});
         * text may carry thousands separators ({@code "1,200.00"}) and a leading ¥. The amount's own rules (at most 2
         * decimals) are checked where it is parsed.
         */
        AMOUNT,
        /** {@code YYYY-MM}: a date cell is its month; text may be {@code 2024/1} or {@code 2024年1月}. */
        MONTH,
        /** {@code YYYY-MM-DD}: a date cell is its date; text may be {@code 2024/1/5} or {@code 2024年1月5日}. */
        DATE
    }

    public static Column required(String key, String... headers) {
        return new Column(key, List.of(headers), true, Kind.TEXT);
    }

    public static Column optional(String key, String... headers) {
        return new Column(key, List.of(headers), false, Kind.TEXT);
    }

    /** The same column holding {@code kind}. */
    public Column as(Kind kind) {
        return new Column(key, headers, required, kind);
    }

    /** The header a template shows: the first name, which is the Chinese one. */
    public String title() {
        return headers.get(0);
    }
}
