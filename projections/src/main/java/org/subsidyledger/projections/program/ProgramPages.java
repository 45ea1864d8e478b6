package org.subsidyledger.projections.program;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.subsidyledger.projections.port.ConsolePage;

/** The console's program pages: the list, and one program with its plan, funds, batches and the clerk's uploads. */
@Controller
@ConsolePage
@PreAuthorize("isAuthenticated()")
@io.swagger.v3.oas.annotations.Hidden
class ProgramPages {

    private final ProgramQueryController programs;

    ProgramPages(ProgramQueryController programs) {
        this.programs = programs;
    }

    @GetMapping("/console/programs")
    String list(Model model) {
        model.addAttribute("programs", programs.list());
        return "console/programs";
    }

    /** The programs, each with its years' indicators and evaluation sheet. */
    @GetMapping("/console/indicators")
    String indicators(Model model) {
        model.addAttribute("programs", programs.list());
        model.addAttribute("years", java.util.stream.IntStream.rangeClosed(2020, java.time.Year.now().getValue())
                .boxed().sorted(java.util.Comparator.reverseOrder()).toList());
        return "console/indicator-programs";
    }

    @GetMapping("/console/programs/{code}")
    String program(@PathVariable String code, Model model) {
        model.addAttribute("program", programs.get(code));
        return "console/program";
    }
}
