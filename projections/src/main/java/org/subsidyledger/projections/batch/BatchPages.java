package org.subsidyledger.projections.batch;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.subsidyledger.projections.port.ConsolePage;

/**
 * The console's batch pages, from the batch API's own queries: a program's batches, one batch (steps with who and
 * when, lines paged and filtered by state, what changed since last month), its printable roster (发放花名册), and
 * the reviewer's and finance's inbox.
 */
@Controller
@ConsolePage
@PreAuthorize("isAuthenticated()")
@io.swagger.v3.oas.annotations.Hidden
class BatchPages {

    /** Lines per page of a batch's roster, on screen and in print. */
    static final int ROSTER_PAGE = 500;

    private final BatchQueryController batches;

    BatchPages(BatchQueryController batches) {
        this.batches = batches;
    }

    /** The batches of a program, newest month first (a fragment of the program page, loaded by htmx). */
    @GetMapping("/console/programs/{code}/batches")
    String ofProgram(@PathVariable String code, Model model) {
        model.addAttribute("code", code);
        model.addAttribute("batches", batches.batchesOf(code, null));
        return "console/batches :: list";
    }

    @GetMapping("/console/batches/{id}")
    String batch(@PathVariable String id, @RequestParam(required = false) String state,
                 @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("detail", batches.batch(id));
        lines(id, state, page, 50, model);
        return "console/batch";
    }

    /** The lines of a batch, one page, filtered by state (the batch page's table, replaced by htmx). */
    @GetMapping("/console/batches/{id}/lines")
    String linesFragment(@PathVariable String id, @RequestParam(required = false) String state,
                         @RequestParam(defaultValue = "0") int page, Model model) {
        lines(id, state, page, 50, model);
        return "console/batch :: lines";
    }

    /** What a reviewer compares with last month (a fragment: a 300k-line comparison takes its own time). */
    @GetMapping("/console/batches/{id}/comparison")
    String comparison(@PathVariable String id, Model model) {
        model.addAttribute("comparison", batches.comparison(id, 10));
        return "console/batch :: comparison";
    }

    /** The 发放花名册 for printing: every line of the page with name, ID, amount and state, with totals. */
    @GetMapping("/console/batches/{id}/roster")
    String roster(@PathVariable String id, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("detail", batches.batch(id));
        model.addAttribute("lines", batches.lines(id, null, page, ROSTER_PAGE));
        return "console/roster";
    }

    @GetMapping("/console/inbox")
    String inbox(Authentication user, Model model) {
        model.addAttribute("waiting", batches.awaiting(user));
        return "console/inbox";
    }

    private void lines(String id, String state, int page, int size, Model model) {
        model.addAttribute("batchId", id);
        model.addAttribute("state", state == null ? "" : state);
        model.addAttribute("lines", batches.lines(id, state, page, size));
    }
}
