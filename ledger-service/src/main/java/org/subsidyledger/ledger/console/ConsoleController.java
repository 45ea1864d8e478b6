package org.subsidyledger.ledger.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.subsidyledger.ledger.demo.DemoDataStatus;
import org.subsidyledger.projections.port.ConsolePage;

/**
 * The sign-in page and the home page (工作台): who is signed in, their roles' work, and — with the demo profile —
 * how far the demo data has loaded. Every page's frame (user, roles, region scope, navigation) is
 * {@link ConsoleFrame}'s.
 */
@Controller
@ConsolePage
@io.swagger.v3.oas.annotations.Hidden // pages, not the API: not in /v3/api-docs
class ConsoleController {

    private final DemoDataStatus demoData;

    ConsoleController(DemoDataStatus demoData) {
        this.demoData = demoData;
    }

    @GetMapping("/login")
    String login() {
        return "console/login";
    }

    @GetMapping("/")
    String home(Model model) {
        DemoDataStatus.Snapshot demo = demoData.snapshot();
        if (demo.state() != DemoDataStatus.State.OFF && demo.state() != DemoDataStatus.State.SKIPPED) {
            model.addAttribute("demoData", demo);
        }
        return "console/home";
    }
}
