package org.subsidyledger.projections.indicator;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.subsidyledger.projections.support.InvalidQueryException;

/** {@code GET /programs/{code}/indicators?year=&asOf=}: the indicator table, now or as of a past moment. */
@RestController
@PreAuthorize("hasAnyRole('EVALUATOR', 'AUDITOR', 'FINANCE', 'INSPECTOR', 'ADMIN')")
class IndicatorQueryController {

    private final IndicatorCalculator calculator;

    IndicatorQueryController(IndicatorCalculator calculator) {
        this.calculator = calculator;
    }

    /** @param asOf an ISO-8601 instant ({@code 2023-03-01T00:00:00Z} or with an offset); default now */
    @GetMapping("/api/v1/programs/{code}/indicators")
    IndicatorCalculator.IndicatorTable indicators(@PathVariable String code, @RequestParam int year,
                                                  @RequestParam(required = false) String asOf) {
        if (year < 2000 || year > 2100) {
            throw new InvalidQueryException("year must be between 2000 and 2100");
        }
        Instant moment = Instant.now();
        if (asOf != null && !asOf.isBlank()) {
            try {
                moment = java.time.OffsetDateTime.parse(asOf.strip()).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidQueryException("asOf must be an ISO-8601 date-time with offset, e.g. "
                        + "2023-03-01T00:00:00+08:00");
            }
            if (moment.isAfter(Instant.now())) {
                throw new InvalidQueryException("asOf is in the future");
            }
        }
        return calculator.compute(code, year, moment);
    }
}
