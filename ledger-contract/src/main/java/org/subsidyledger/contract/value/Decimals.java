package org.subsidyledger.contract.value;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.subsidyledger.contract.error.ErrorCode;

/**
 * Decimal numbers typed by users (a deduction share, a score), read with a bounded number of digits before any
 * arithmetic: plain notation only, so {@code 1e-100000000} — a hundred-million-digit scale that makes every later
 * comparison take minutes — is refused as it is read.
 */
public final class Decimals {

    private Decimals() {
    }

    /**
     * @param integerDigits  at most this many digits before the point
     * @param fractionDigits at most this many after it
     * @param code           the error code when the text is not such a number
     */
    public static BigDecimal parse(String raw, int integerDigits, int fractionDigits, ErrorCode code, String what) {
        String text = raw == null ? "" : raw.strip();
        Pattern plain = Pattern.compile("-?\\d{1," + integerDigits + "}(\\.\\d{1," + fractionDigits + "})?");
        if (text.length() > integerDigits + fractionDigits + 2 || !plain.matcher(text).matches()) {
            String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
            throw new InvalidValueException(code, what + " '" + shown + "' is not a number of at most "
                    + integerDigits + " digits and " + fractionDigits + " decimals, such as "
                    + (fractionDigits >= 2 ? "0.30" : "1"));
        }
        return new BigDecimal(text);
    }
}
