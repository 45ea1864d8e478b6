package org.subsidyledger.ledger.tabular;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain text of a cell as its {@link Column.Kind} reads it, from a CSV's text or from an XLSX's typed cell as Excel
 * writes it: numbers in numeric cells under any number format, dates in date cells, amounts with thousands
 * separators. Never through {@code double} arithmetic: a numeric cell's value becomes its shortest exact decimal.
 */
final class Cells {

    /** A cell as read: its text ({@code null} when blank) and, when it cannot be trusted, why. */
    record Read(String value, CellProblem problem) {
        static Read of(String value) {
            return new Read(value, null);
        }
    }

    /** What Excel shows of an 18-digit number in a General cell, and writes into a CSV saved from it. */
    private static final Pattern SCIENTIFIC = Pattern.compile("(?i)[+-]?\\d+(\\.\\d+)?E[+-]?\\d+");
    private static final Pattern GROUPED = Pattern.compile("-?\\d{1,3}(,\\d{3})+(\\.\\d*)?");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*月?");
    private static final Pattern DATE =
            Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?");

    private Cells() {
    }

    /** A CSV field, or an XLSX text cell. */
    static Read text(Column.Kind kind, String raw) {
        if (raw == null || raw.isBlank()) {
            return Read.of(null);
        }
        String text = raw.strip();
        return switch (kind) {
            case ID -> SCIENTIFIC.matcher(text).matches() ? new Read(text, CellProblem.ID_NOT_TEXT) : Read.of(text);
            case AMOUNT -> Read.of(amount(text));
            case MONTH -> Read.of(month(text));
            case DATE -> Read.of(date(text));
            case TEXT -> Read.of(text);
        };
    }

    /**
     * An XLSX numeric cell: {@code raw} is the number as stored, {@code date} whether its number format shows a date,
     * {@code formatted} what the spreadsheet shows.
     */
    static Read number(Column.Kind kind, String raw, boolean date, boolean date1904, String formatted) {
        double value;
        try {
            value = Double.parseDouble(raw.strip());
        } catch (NumberFormatException e) {
            return text(kind, formatted);
        }
        String plain = shortest(value).toPlainString();
        if (kind == Column.Kind.ID) {
            return new Read(plain, CellProblem.ID_NOT_TEXT);
        }
        if (!date || !org.apache.poi.ss.usermodel.DateUtil.isValidExcelDate(value)) {
            return Read.of(plain);
        }
        LocalDate day = org.apache.poi.ss.usermodel.DateUtil.getLocalDateTime(value, date1904).toLocalDate();
        return Read.of(kind == Column.Kind.MONTH ? YearMonth.from(day).toString() : day.toString());
    }

    /**
     * The shortest decimal that reads back as {@code value}: what was typed into the cell ({@code 0.1}, not
     * {@code 0.1000000000000000055511151231257827}), whatever the JDK's {@code Double.toString} does. Trailing zeros
     * are dropped ({@code 1200}, {@code 120.5}).
     */
    static BigDecimal shortest(double value) {
        if (value == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal exact = new BigDecimal(value);
        for (int digits = 1; digits < 17; digits++) {
            BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == value) {
                return candidate.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    /** {@code ¥1,200.00} → {@code 1200.00}; anything else as given, for the amount's own check to judge. */
    private static String amount(String text) {
        String amount = text.startsWith("¥") || text.startsWith("￥") ? text.substring(1).strip() : text;
        return GROUPED.matcher(amount).matches() ? amount.replace(",", "") : amount;
    }

    /** {@code 2024/1}, {@code 2024年1月} → {@code 2024-01}; also {@code 2024/1/1}, which Excel makes of {@code 2024-01}. */
    private static String month(String text) {
        Matcher month = MONTH.matcher(text);
        if (month.matches()) {
            return month.group(1) + "-" + pad(month.group(2));
        }
        Matcher date = DATE.matcher(text);
        if (date.matches() && Integer.parseInt(date.group(3)) == 1) {
            return date.group(1) + "-" + pad(date.group(2));
        }
        return text;
    }

    /** {@code 2024/1/5}, {@code 2024年1月5日} → {@code 2024-01-05}; whether the day exists is the date's own check. */
    private static String date(String text) {
        Matcher date = DATE.matcher(text);
        return date.matches() ? date.group(1) + "-" + pad(date.group(2)) + "-" + pad(date.group(3)) : text;
    }

    private static String pad(String number) {
        return number.length() == 1 ? "0" + number : number;
    }
}
