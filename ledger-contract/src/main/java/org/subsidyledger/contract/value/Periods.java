package org.subsidyledger.contract.value;

import org.subsidyledger.contract.error.ErrorCode;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Parsing of business months ({@code YYYY-MM}) and dates ({@code YYYY-MM-DD}) with stable error codes. */
public final class Periods {

    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private Periods() {
    }

    public static YearMonth parseMonth(String raw) {
        String text = raw == null ? "" : raw.strip();
        if (!MONTH.matcher(text).matches()) {
            throw new InvalidValueException(ErrorCode.INVALID_MONTH, "month '" + text + "' is not YYYY-MM");
        }
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(ErrorCode.INVALID_MONTH, "month '" + text + "' does not exist");
        }
    }

    public static LocalDate parseDate(String raw) {
        String text = raw == null ? "" : raw.strip();
        if (!DATE.matcher(text).matches()) {
            throw new InvalidValueException(ErrorCode.INVALID_DATE, "date '" + text + "' is not YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(ErrorCode.INVALID_DATE, "date '" + text + "' does not exist");
        }
    }
}
