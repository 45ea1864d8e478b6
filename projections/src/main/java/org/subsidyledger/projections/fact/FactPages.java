package org.subsidyledger.projections.fact;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.subsidyledger.projections.port.ConsolePage;

/** The facts recorded about a recipient, as a fragment of the console's recipient page (the facts API's query). */
@Controller
@ConsolePage
@PreAuthorize("isAuthenticated()")
@io.swagger.v3.oas.annotations.Hidden
class FactPages {

    private final FactQueryController facts;

    FactPages(FactQueryController facts) {
        this.facts = facts;
    }

    @GetMapping("/console/recipients/{id}/facts")
    String factsOf(@PathVariable String id, Model model) {
        model.addAttribute("facts", facts.factsOf(id));
        return "console/recipient :: facts";
    }
}
