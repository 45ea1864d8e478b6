package org.subsidyledger.ledger.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's frame (issue 16, first part): the sign-in page and the home page, which shows who is signed in —
 * name, roles and region scope, always — and the work of each role. The pages of each role's work come next; like
 * these, they call the same services and queries as the HTTP API and hold no rules of their own.
 */
@Controller
@io.swagger.v3.oas.annotations.Hidden // pages, not the API: not in /v3/api-docs
class ConsoleController {

    @GetMapping("/login")
    String login() {
        return "console/login";
    }

    @GetMapping("/")
    String home() {
        return "console/home";
    }
}
