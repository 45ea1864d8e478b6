package org.subsidyledger.projections.indicator;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.projections.port.AccessScope;
import org.subsidyledger.projections.port.ConsolePage;

/**
 * The evaluator's dashboard: a program-year's indicator table (numerator, denominator, value) as of a chosen moment,
 * the monthly charts, and the drill-down behind every figure — the indicator API's own computation, so the screen
 * and the API agree to the 分. The moment is picked in the office's time zone ({@code ledger.console.zone}).
 */
@Controller
@ConsolePage
@PreAuthorize("hasAnyRole('EVALUATOR', 'AUDITOR', 'FINANCE', 'INSPECTOR', 'ADMIN')")
@io.swagger.v3.oas.annotations.Hidden
class IndicatorPages {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final IndicatorCalculator calculator;
    private final IndicatorBasis basis;
    private final IndicatorExport export;
    private final ZoneId zone;

    IndicatorPages(IndicatorCalculator calculator, IndicatorBasis basis, IndicatorExport export,
                   @Value("${ledger.console.zone:Asia/Shanghai}") String zone) {
        this.calculator = calculator;
        this.basis = basis;
        this.export = export;
        this.zone = ZoneId.of(zone);
    }

    @GetMapping("/console/programs/{code}/indicators")
    String indicators(@PathVariable String code, @RequestParam int year, @RequestParam(required = false) String asOf,
                      @RequestParam(required = false) String region, Model model) {
        String moment = moment(asOf);
        model.addAttribute("table", calculator.compute(code, AsOf.year(year), moment == null ? null
                : AsOf.parse(moment), AccessScope.current(), region));
        model.addAttribute("asOf", asOf == null ? "" : asOf);
        model.addAttribute("asOfIso", moment == null ? "" : moment);
        model.addAttribute("region", region == null ? "" : region);
        model.addAttribute("numeratorListed", IndicatorRegistry.ALL.stream().filter(i -> i.numerator() != null
                && i.numerator().source().listable()).map(Indicator::key).toList());
        model.addAttribute("denominatorListed", IndicatorRegistry.ALL.stream().filter(i -> i.denominator() != null
                && i.denominator().source().listable()).map(Indicator::key).toList());
        model.addAttribute("code", code);
        model.addAttribute("year", year);
        return "console/indicators";
    }

    /** The rows behind one side of a figure, paged; their count and sum are the figure's side. */
    @GetMapping("/console/programs/{code}/indicators/{key}/basis")
    String basis(@PathVariable String code, @PathVariable String key, @RequestParam int year,
                 @RequestParam(defaultValue = "numerator") String side, @RequestParam(required = false) String asOf,
                 @RequestParam(required = false) String region, @RequestParam(defaultValue = "0") int page,
                 Model model) {
        String moment = moment(asOf);
        IndicatorBasis.Basis rows = basis.basis(code, key, year, side, moment, blankToNull(region), page, 50);
        model.addAttribute("basis", rows);
        // Rows of every kind as column → value, named as the API names them (the page heads them in Chinese).
        model.addAttribute("rows", rows.rows().items().stream().map(row -> JSON.convertValue(row,
                new com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, Object>>() {
                })).toList());
        model.addAttribute("indicator", IndicatorRegistry.find(key).orElseThrow());
        model.addAttribute("code", code);
        model.addAttribute("year", year);
        model.addAttribute("asOf", asOf == null ? "" : asOf);
        model.addAttribute("region", region == null ? "" : region);
        return "console/basis";
    }

    /** The table as the API exports it (JSON with the chain head, CSV or XLSX), for the moment on the page. */
    @GetMapping("/console/programs/{code}/indicators/export")
    org.springframework.http.ResponseEntity<byte[]> export(@PathVariable String code, @RequestParam int year,
                                                           @RequestParam(required = false) String asOf,
                                                           @RequestParam(required = false) String region,
                                                           @RequestParam(defaultValue = "xlsx") String format)
            throws java.io.IOException {
        return export.export(code, year, moment(asOf), blankToNull(region), format);
    }

    /** A moment picked on the page (local date-time, or a date meaning its end) → ISO-8601 with the zone's offset. */
    private String moment(String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return null;
        }
        String given = asOf.strip();
        try {
            LocalDateTime local = given.length() == 10 ? java.time.LocalDate.parse(given).atTime(23, 59, 59)
                    : LocalDateTime.parse(given);
            return local.atZone(zone).toOffsetDateTime().toString();
        } catch (DateTimeParseException e) {
            throw new LedgerException(ErrorCode.INVALID_QUERY, "时点格式应为 2023-06-30 或 2023-06-30T18:00");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
