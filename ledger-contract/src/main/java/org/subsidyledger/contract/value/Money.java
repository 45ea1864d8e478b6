package org.subsidyledger.contract.value;

import org.subsidyledger.contract.error.ErrorCode;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * An amount of money in 分 (1/100 元). Parsed from and printed as 元 with exactly two decimals ({@code "120.00"}).
 * Never a floating-point number.
 */
public record Money(long fen) implements Comparable<Money> {

    public static final Money ZERO = new Money(0);

    private static final Pattern YUAN = Pattern.compile("\\d{1,13}(\\.\\d{1,2})?");

    /**
     * Parses a non-negative amount in 元 with at most two decimals. Rejects a sign, a third decimal, exponents,
     * thousands separators and anything that is not a plain decimal number.
     */
    public static Money parseYuan(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidValueException(ErrorCode.INVALID_AMOUNT, "amount is missing");
        }
        String text = raw.strip();
        if (!YUAN.matcher(text).matches()) {
            if (text.matches("-?\\d+\\.\\d{3,}")) {
                throw new InvalidValueException(ErrorCode.INVALID_AMOUNT,
                        "amount '" + text + "' has more than 2 decimals");
            }
            if (text.startsWith("-")) {
                throw new InvalidValueException(ErrorCode.INVALID_AMOUNT, "amount '" + text + "' is negative");
            }
            throw new InvalidValueException(ErrorCode.INVALID_AMOUNT, "amount '" + text + "' is not a number");
        }
        return new Money(new BigDecimal(text).movePointRight(2).longValueExact());
    }

    /** Like {@link #parseYuan} but also rejects zero: for payments and receipts. */
    public static Money parsePositiveYuan(String raw) {
        Money money = parseYuan(raw);
        if (money.fen == 0) {
            throw new InvalidValueException(ErrorCode.INVALID_AMOUNT, "amount must be greater than zero");
        }
        return money;
    }

    public static Money ofFen(long fen) {
        return new Money(fen);
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(fen, other.fen));
    }

    public BigDecimal toYuan() {
        return BigDecimal.valueOf(fen, 2);
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(fen, other.fen);
    }

    /** The amount in 元 with two decimals, e.g. {@code 120.00}. */
    @Override
    public String toString() {
        return toYuan().toPlainString();
    }
}
