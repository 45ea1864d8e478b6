package org.subsidyledger.projections.verification;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.subsidyledger.projections.port.ConsolePage;

/**
 * The 两上两下 work queue in the console: the region's suspected facts with their age and the figures per region,
 * from the queue API's own queries (so the page shows the API's figures, within the caller's scope and masking).
 */
@Controller
@ConsolePage
@PreAuthorize("isAuthenticated()")
@io.swagger.v3.oas.annotations.Hidden
class SuspectedFactPages {

    private final SuspectedFactQueryController queue;

    SuspectedFactPages(SuspectedFactQueryController queue) {
        this.queue = queue;
    }

    @GetMapping("/console/suspected-facts")
    String queue(@RequestParam(required = false) String region,
                 @RequestParam(defaultValue = "OPEN") String status,
                 @RequestParam(required = false) Boolean overdue,
                 @RequestParam(defaultValue = "0") int page, Model model) {
        String shown = status.isBlank() || status.equalsIgnoreCase("ALL") ? null : status;
        model.addAttribute("queue", queue.list(region, shown, null, null, null, overdue, null, page, 50));
        model.addAttribute("summary", queue.summary(region, null));
        model.addAttribute("region", region == null ? "" : region);
        model.addAttribute("status", shown == null ? "ALL" : shown.toUpperCase());
        model.addAttribute("overdue", overdue);
        model.addAttribute("idempotencyKey", java.util.UUID.randomUUID().toString());
        return "console/suspected-facts";
    }
}
