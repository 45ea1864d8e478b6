package org.subsidyledger.ledger.program;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.subsidyledger.ledger.operations.ReadModelCatchUp;
import org.subsidyledger.projections.port.ConsolePage;

/** The console's month close (月结), answered by the program API's own handler. */
@Controller
@ConsolePage
@io.swagger.v3.oas.annotations.Hidden
class ProgramActions {

    private final ProgramController api;
    private final ReadModelCatchUp readModels;

    ProgramActions(ProgramController api, ReadModelCatchUp readModels) {
        this.api = api;
        this.readModels = readModels;
    }

    @PostMapping("/console/programs/{code}/months/close")
    String closeMonth(@PathVariable String code, @RequestParam String month,
                      @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        ProgramController.ClosedMonth closed = api.closeMonth(code, month,
                new ProgramController.CloseMonthRequest(reason)).getBody();
        readModels.await(java.time.Duration.ofSeconds(10));
        redirect.addFlashAttribute("flash", closed.month() + " 已月结：发放 " + closed.figures().payments()
                + " 笔，支出 " + closed.figures().spending() + " 元");
        return "redirect:/console/programs/" + code;
    }
}
