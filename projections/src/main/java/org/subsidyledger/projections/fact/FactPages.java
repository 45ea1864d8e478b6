package org.subsidyledger.projections.fact;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.subsidyledger.projections.port.ConsolePage;

/**
 * The facts recorded about a recipient (a fragment of the console's recipient page) and a death comparison's report,
 * from the facts API's queries.
 */
@Controller
@ConsolePage
@PreAuthorize("isAuthenticated()")
@io.swagger.v3.oas.annotations.Hidden
class FactPages {

    private final FactQueryController facts;

    FactPages(FactQueryController facts) {
        this.facts = facts;
    }

    /** A death comparison's report: its figures and the rows not recorded, with why (the facts API's query). */
    @GetMapping("/console/death-comparisons/{id}")
    String comparison(@PathVariable String id, @org.springframework.web.bind.annotation.RequestParam(
            defaultValue = "0") int page, Model model) {
        model.addAttribute("comparison", facts.comparison(id, page, 100));
        return "console/death-comparison";
    }

    @GetMapping("/console/recipients/{id}/facts")
    String factsOf(@PathVariable String id, Model model) {
        model.addAttribute("facts", facts.factsOf(id));
        return "console/recipient :: facts";
    }
}
