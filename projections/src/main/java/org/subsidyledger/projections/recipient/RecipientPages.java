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

    /** The search form; a full ID number goes straight to the recipient's page. */
    @GetMapping("/console/recipients")
    String search(@RequestParam(required = false) String id) {
        if (id != null && !id.isBlank()) {
            return "redirect:/console/recipients/" + id.strip().toUpperCase();
        }
        return "console/recipient-search";
    }

    @GetMapping("/console/recipients/{id}")
    String recipient(@PathVariable String id, Model model) {
        model.addAttribute("recipient", recipients.get(id));
        model.addAttribute("idempotencyKey", java.util.UUID.randomUUID().toString());
        return "console/recipient";
    }
}
