package org.subsidyledger.projections.indicator;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.subsidyledger.projections.port.AccessScope;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.projections.indicator.Indicator.Measure;
import org.subsidyledger.projections.indicator.Indicator.Side;
import org.subsidyledger.projections.support.Amounts;
import org.subsidyledger.projections.support.Page;

/**
 * What is behind a figure (drill-down): {@code GET /programs/{code}/indicators/{key}/basis?year=&side=&asOf=} lists,
 * paged, the rows of the source the registry declares for that side — funds tranches, payments, batches, months,
 * recipients paid, due person-months, overpayment cases — each with the id of the event that recorded it. {@code count}
 * and {@code sum} are the source's total, read by the same query as the figure's, so they equal the figure's side.
 */
@RestController
@PreAuthorize("hasAnyRole('EVALUATOR', 'AUDITOR', 'FINANCE', 'INSPECTOR', 'ADMIN')")
class IndicatorBasis {

    /**
     * One side of a figure and the rows behind it.
     *
     * @param count the rows (or person-months) the side counts
     * @param sum   what it sums, in 元, when the side is an amount
     */
    record Basis(String key, String side, String kind, String source, long count, String sum,
                 Page<BasisRow> rows) {
    }

    private final IndicatorSources sources;

    IndicatorBasis(IndicatorSources sources) {
        this.sources = sources;
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "List the rows behind an indicator's numerator or denominator")
    @GetMapping("/api/v1/programs/{code}/indicators/{key}/basis")
    Basis basis(@PathVariable String code, @PathVariable String key, @RequestParam int year,
                @RequestParam(defaultValue = "numerator") String side, @RequestParam(required = false) String asOf,
                @RequestParam(required = false) String region,
                @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        Instant moment = AsOf.parse(asOf);
        String sideName = side.strip().toLowerCase();
        Side declared = IndicatorRegistry.find(key).map(indicator -> indicator.side(sideName))
                .filter(s -> s.source().listable()).orElse(null);
        if (declared == null) {
            throw new LedgerException(ErrorCode.INVALID_QUERY, "no list behind the " + sideName + " of " + key
                    + " (listed: " + String.join(", ", listed()) + ")");
        }
        AccessScope caller = AccessScope.current();
        Scope scope = sources.scope(code, AsOf.year(year), moment, caller.narrowedTo(region));
        boolean now = asOf == null || asOf.isBlank();
        IndicatorSources.Total total = sources.totals(scope, List.of(declared.source()), now).of(declared.source());
        int pageSize = Page.size(size);
        IndicatorSources.Listing listing = sources.list(scope, declared.source(), (long) Math.max(0, page) * pageSize,
                pageSize);
        return new Basis(key, sideName, declared.source().kind(), declared.source().name(), total.count(),
                declared.measure() == Measure.SUM ? Amounts.yuan(total.fen()) : null,
                new Page<>(listing.rows().stream().map(row -> row.seenBy(caller)).toList(), Math.max(0, page),
                        pageSize, listing.total()));
    }

    /** Every key/side with rows behind it. */
    private static TreeSet<String> listed() {
        TreeSet<String> listed = new TreeSet<>();
        for (Indicator indicator : IndicatorRegistry.ALL) {
            for (String sideName : List.of("numerator", "denominator")) {
                Optional.ofNullable(indicator.side(sideName)).filter(s -> s.source().listable())
                        .ifPresent(s -> listed.add(indicator.key() + "/" + sideName));
            }
        }
        return listed;
    }
}
