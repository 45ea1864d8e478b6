package org.subsidyledger.projections.standard;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.subsidyledger.projections.port.ConsolePage;

/**
 * The console's 待补发 list (rule 9 and 10): the arrears a 调标 or a released withholding made, filtered as the API
 * filters them, with the totals and the CSV export — from {@code GET /arrears}'s own query, so the page shows the
 * API's figures, within the caller's scope and masking. The clerk reads it to prepare the 补发 batch.
 */
@Controller
@ConsolePage
@PreAuthorize("isAuthenticated()")
@io.swagger.v3.oas.annotations.Hidden
class ArrearPages {

    private final ArrearQueryController arrears;

    ArrearPages(ArrearQueryController arrears) {
        this.arrears = arrears;
    }

    @GetMapping("/console/arrears")
    String list(@RequestParam(required = false) String program, @RequestParam(required = false) String region,
                @RequestParam(defaultValue = "OPEN") String status, @RequestParam(required = false) String cause,
                @RequestParam(required = false) String recipient, @RequestParam(defaultValue = "0") int page,
                Model model) {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("program", blankToNull(program));
        filters.put("region", blankToNull(region));
        filters.put("status", status.isBlank() || status.equalsIgnoreCase("ALL") ? null : status.strip().toUpperCase());
        filters.put("cause", blankToNull(cause));
        filters.put("recipient", blankToNull(recipient));
        model.addAttribute("filters", filters);
        model.addAttribute("arrears", arrears.list(filters.get("program"), filters.get("region"),
                filters.get("status"), filters.get("cause"), filters.get("recipient"), null, page, 50, true));
        return "console/arrears";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
