package org.subsidyledger.projections.indicator;

import org.subsidyledger.contract.error.LedgerException;

import org.subsidyledger.contract.error.ErrorCode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The {@code asOf} parameter of the indicator and evaluation reads: an ISO-8601 instant, not in the future. */
public final class AsOf {

    private AsOf() {
    }

    /** @return now when {@code asOf} is absent */
    public static Instant parse(String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return Instant.now();
        }
        Instant moment;
        try {
            moment = OffsetDateTime.parse(asOf.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new LedgerException(ErrorCode.INVALID_QUERY, "asOf must be an ISO-8601 date-time with offset, e.g. "
                    + "2023-03-01T00:00:00+08:00");
        }
        if (moment.isAfter(Instant.now())) {
            throw new LedgerException(ErrorCode.INVALID_QUERY, "asOf is in the future");
        }
        return moment;
    }

    public static int year(int year) {
        if (year < 2000 || year > 2100) {
            throw new LedgerException(ErrorCode.INVALID_QUERY, "year must be between 2000 and 2100");
        }
        return year;
    }
}
