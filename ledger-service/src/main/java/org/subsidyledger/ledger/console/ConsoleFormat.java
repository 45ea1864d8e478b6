package org.subsidyledger.ledger.console;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How the console writes amounts and moments: {@code 1,234.56 元}, recorded times in the office's time zone
 * ({@code ledger.console.zone}, default Asia/Shanghai) to the minute. Templates call it as {@code @fmt}.
 */
@Component("fmt")
public class ConsoleFormat {

    private final ZoneId zone;
    private final DateTimeFormatter minutes;

    ConsoleFormat(@Value("${ledger.console.zone:Asia/Shanghai}") String zone) {
        this.zone = ZoneId.of(zone);
        this.minutes = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(this.zone);
    }

    /** An amount in 元 as the API writes it ({@code 1234.56}) → {@code 1,234.56 元}; blank stays blank. */
    public String yuan(String amount) {
        if (amount == null || amount.isBlank()) {
            return "";
        }
        return grouped(new BigDecimal(amount.strip())) + " 元";
    }

    /** The same without the unit, for table columns headed 金额（元）. */
    public String amount(String amount) {
        return amount == null || amount.isBlank() ? "" : grouped(new BigDecimal(amount.strip()));
    }

    /** An amount in 分 → {@code 1,234.56 元}. */
    public String fen(long fen) {
        return grouped(BigDecimal.valueOf(fen, 2)) + " 元";
    }

    /** A side of an indicator as the API writes it: an amount (with a decimal point) or a count, grouped. */
    public String side(String value) {
        if (value == null || value.isBlank()) {
            return "";
        }
        return value.contains(".") ? amount(value) : count(Long.parseLong(value.strip()));
    }

    /** A count with thousands separators. */
    public String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    /** A rate as the API writes it (0.9905) → 99.05%. */
    public String percent(String rate) {
        if (rate == null || rate.isBlank()) {
            return "";
        }
        return new BigDecimal(rate.strip()).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    public String time(Instant at) {
        return at == null ? "" : minutes.format(at);
    }

    public ZoneId zone() {
        return zone;
    }

    private static String grouped(BigDecimal value) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setParseBigDecimal(true);
        return format.format(value.setScale(2, java.math.RoundingMode.UNNECESSARY));
    }
}
