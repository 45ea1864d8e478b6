package org.subsidyledger.projections.evaluation;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.subsidyledger.projections.port.ConsolePage;

/** The evaluation sheet (评分表) of a program-year, printable: the rubric's items, computed and entered scores, total. */
@Controller
@ConsolePage
@PreAuthorize("hasAnyRole('EVALUATOR', 'AUDITOR', 'FINANCE', 'INSPECTOR', 'ADMIN')")
@io.swagger.v3.oas.annotations.Hidden
class EvaluationPages {

    private final EvaluationQueryController evaluations;

    EvaluationPages(EvaluationQueryController evaluations) {
        this.evaluations = evaluations;
    }

    @GetMapping("/console/programs/{code}/evaluation")
    String evaluation(@PathVariable String code, @RequestParam int year, Model model) {
        model.addAttribute("sheet", evaluations.evaluation(code, year, null));
        return "console/evaluation";
    }
}
