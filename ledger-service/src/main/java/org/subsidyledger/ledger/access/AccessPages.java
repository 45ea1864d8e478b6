package org.subsidyledger.ledger.access;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.subsidyledger.projections.port.ConsolePage;

/**
 * The console's access log (a fragment of the auditor's page, with its filters) and the reveal form of the
 * recipient page, answered by the access API's own handlers: a reveal is recorded as an event and a log row, and
 * its answer is shown once, never kept in the page's address.
 */
@Controller
@ConsolePage
@io.swagger.v3.oas.annotations.Hidden
class AccessPages {

    private final AccessController access;

    AccessPages(AccessController access) {
        this.access = access;
    }

    @GetMapping("/console/audit/access-log")
    String accessLog(@RequestParam(required = false) String user, @RequestParam(required = false) String recipient,
                     @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                     @RequestParam(required = false) String action, @RequestParam(defaultValue = "0") int page,
                     Model model) {
        model.addAttribute("log", access.accessLog(blankToNull(user), blankToNull(recipient), blankToNull(from),
                blankToNull(to), blankToNull(action), page, 50));
        model.addAttribute("query", java.util.Map.of("user", user == null ? "" : user, "recipient",
                recipient == null ? "" : recipient, "action", action == null ? "" : action));
        return "console/audit :: log";
    }

    @PostMapping("/console/recipients/{id}/reveal")
    String reveal(@PathVariable String id, @RequestParam String reason, Model model) {
        model.addAttribute("revealed", access.reveal(id, new AccessController.RevealRequest(reason)).getBody());
        return "console/revealed";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
