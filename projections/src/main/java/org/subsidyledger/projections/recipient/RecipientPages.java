package org.subsidyledger.projections.recipient;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.subsidyledger.projections.port.ConsolePage;

/**
 * The console's recipient page — profile, enrolments, balances per program, payments — from the recipient API's
 * own query; facts and cases are loaded into it from their own features' fragments. Every view is a read of one
 * person's data and is access-logged like the API's.
 */
@Controller
@ConsolePage
@PreAuthorize("isAuthenticated()")
@io.swagger.v3.oas.annotations.Hidden
class RecipientPages {

    private final RecipientQueryController recipients;

    RecipientPages(RecipientQueryController recipients) {
        this.recipients = recipients;
    }

    /** The search form; a well-formed ID number goes straight to the recipient's page. */
    @GetMapping("/console/recipients")
    String search(@RequestParam(required = false) String id, Model model,
                  org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        if (id != null && !id.isBlank()) {
            String key = id.strip().toUpperCase();
            String problem = org.subsidyledger.contract.value.RecipientId.problemWith(key);
            if (problem == null) {
                redirect.addAttribute("id", key);
                return "redirect:/console/recipients/{id}";
            }
            model.addAttribute("problem", "身份证号有误：" + problem);
        }
        return "console/recipient-search";
    }

    @GetMapping("/console/recipients/{id}")
    String recipient(@PathVariable String id, Model model) {
        model.addAttribute("recipient", recipients.get(id));
        // the ID as asked for: the links of the page's fragments and forms (the profile's id is masked for some roles)
        model.addAttribute("key", id.strip().toUpperCase());
        model.addAttribute("idempotencyKey", java.util.UUID.randomUUID().toString());
        return "console/recipient";
    }
}
