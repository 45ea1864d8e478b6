package org.subsidyledger.projections.indicator;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /programs/{code}/indicators?year=&asOf=}: the indicator table, now or as of a past moment. */
@RestController
@PreAuthorize("hasAnyRole('EVALUATOR', 'AUDITOR', 'FINANCE', 'INSPECTOR', 'ADMIN')")
class IndicatorQueryController {

    private final IndicatorCalculator calculator;

    IndicatorQueryController(IndicatorCalculator calculator) {
        this.calculator = calculator;
    }

    /** @param asOf an ISO-8601 date-time with offset ({@code 2023-03-01T00:00:00+08:00}); default now */
    @io.swagger.v3.oas.annotations.Operation(summary = "Compute a program-year's indicators, as of a moment")
    @GetMapping("/api/v1/programs/{code}/indicators")
    IndicatorCalculator.IndicatorTable indicators(@PathVariable String code, @RequestParam int year,
                                                  @RequestParam(required = false) String asOf) {
        return asOf == null || asOf.isBlank() ? calculator.current(code, AsOf.year(year))
                : calculator.compute(code, AsOf.year(year), AsOf.parse(asOf));
    }
}
