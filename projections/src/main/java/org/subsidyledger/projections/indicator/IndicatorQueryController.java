package org.subsidyledger.projections.indicator;

import java.util.List;
import org.subsidyledger.projections.port.AccessScope;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /programs/{code}/indicators?year=&asOf=}: the indicator table, now or as of a past moment; and
 * {@code GET /indicators}: the registry — what each indicator counts or sums, and where it comes from.
 */
@RestController
@PreAuthorize("hasAnyRole('EVALUATOR', 'AUDITOR', 'FINANCE', 'INSPECTOR', 'ADMIN')")
class IndicatorQueryController {

    /** One side of a declared indicator: its source, what it is, whether counted or summed, and whether listable. */
    record SideDeclaration(String source, String description, Indicator.Measure measure, String kind,
                           boolean listed) {

        static SideDeclaration of(Indicator.Side side) {
            return side == null ? null : new SideDeclaration(side.source().name(), side.source().description(),
                    side.measure(), side.source().kind(), side.source().listable());
        }
    }

    /** One indicator as the registry declares it. */
    record Declaration(String key, String name, String unit, SideDeclaration numerator,
                       SideDeclaration denominator, String derivation, String reference) {
    }

    private final IndicatorCalculator calculator;

    IndicatorQueryController(IndicatorCalculator calculator) {
        this.calculator = calculator;
    }

    /** @param asOf an ISO-8601 date-time with offset ({@code 2023-03-01T00:00:00+08:00}); default now */
    @io.swagger.v3.oas.annotations.Operation(summary = "Compute a program-year's indicators, as of a moment")
    @GetMapping("/api/v1/programs/{code}/indicators")
    IndicatorCalculator.IndicatorTable indicators(@PathVariable String code, @RequestParam int year,
                                                  @RequestParam(required = false) String asOf,
                                                  @RequestParam(required = false) String region) {
        return calculator.compute(code, AsOf.year(year), asOf == null || asOf.isBlank() ? null : AsOf.parse(asOf),
                AccessScope.current(), region);
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "List the indicators the ledger computes and their sources")
    @GetMapping("/api/v1/indicators")
    List<Declaration> registry() {
        return IndicatorRegistry.ALL.stream().map(i -> new Declaration(i.key(), i.name(), i.unit().json(),
                SideDeclaration.of(i.numerator()), SideDeclaration.of(i.denominator()), i.derivation(),
                i.reference())).toList();
    }
}
