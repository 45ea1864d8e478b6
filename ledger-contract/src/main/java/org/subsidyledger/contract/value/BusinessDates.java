package org.subsidyledger.contract.value;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Business dates are those of the offices using the ledger (China Standard Time), not of the server. */
public final class BusinessDates {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private BusinessDates() {
    }

    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    /** The business date of a recorded time (an event's timestamp). */
    public static LocalDate of(Instant recordedAt) {
        return LocalDate.ofInstant(recordedAt, ZONE);
    }
}
