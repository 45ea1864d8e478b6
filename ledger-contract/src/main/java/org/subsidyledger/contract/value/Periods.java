package org.subsidyledger.contract.value;

import org.subsidyledger.contract.error.ErrorCode;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Parsing of business months ({@code YYYY-MM}) and dates ({@code YYYY-MM-DD}) with stable error codes. A month lies
 * in {@link #FIRST_MONTH} … {@link #LAST_MONTH} and a date in 1900-01-01 … 2100-12-31: a payout period of 9999-12 or
 * a date of 0001-01-01 is a typing error, not a business fact.
 */
public final class Periods {

    public static final YearMonth FIRST_MONTH = YearMonth.of(2000, 1);
    public static final YearMonth LAST_MONTH = YearMonth.of(2100, 12);
    private static final LocalDate FIRST_DATE = LocalDate.of(1900, 1, 1);
    private static final LocalDate LAST_DATE = LocalDate.of(2100, 12, 31);

    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private Periods() {
    }

    public static YearMonth parseMonth(String raw) {
        String text = raw == null ? "" : raw.strip();
        if (!MONTH.matcher(text).matches()) {
            throw new InvalidValueException(ErrorCode.INVALID_MONTH, "month '" + text + "' is not YYYY-MM");
        }
        YearMonth month;
        try {
            month = YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(ErrorCode.INVALID_MONTH, "month '" + text + "' does not exist");
        }
        if (month.isBefore(FIRST_MONTH) || month.isAfter(LAST_MONTH)) {
            throw new InvalidValueException(ErrorCode.INVALID_MONTH, "month '" + text + "' is outside "
                    + FIRST_MONTH + " … " + LAST_MONTH);
        }
        return month;
    }

    public static LocalDate parseDate(String raw) {
        String text = raw == null ? "" : raw.strip();
        if (!DATE.matcher(text).matches()) {
            throw new InvalidValueException(ErrorCode.INVALID_DATE, "date '" + text + "' is not YYYY-MM-DD");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(ErrorCode.INVALID_DATE, "date '" + text + "' does not exist");
        }
        if (date.isBefore(FIRST_DATE) || date.isAfter(LAST_DATE)) {
            throw new InvalidValueException(ErrorCode.INVALID_DATE, "date '" + text + "' is outside "
                    + FIRST_DATE + " … " + LAST_DATE);
        }
        return date;
    }
}
