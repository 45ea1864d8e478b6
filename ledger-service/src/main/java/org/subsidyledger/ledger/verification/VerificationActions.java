package org.subsidyledger.ledger.verification;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.subsidyledger.ledger.operations.ReadModelCatchUp;
import org.subsidyledger.projections.port.ConsolePage;

/**
 * The 两上两下 queue's forms: a region confirms or dismisses a suspected fact, answered by the verification API's own
 * handlers (same roles, scope, idempotency and events). Each form carries an idempotency key made when it was shown.
 */
@Controller
@ConsolePage
@io.swagger.v3.oas.annotations.Hidden
class VerificationActions {

    private final VerificationController api;
    private final ReadModelCatchUp readModels;

    VerificationActions(VerificationController api, ReadModelCatchUp readModels) {
        this.api = api;
        this.readModels = readModels;
    }

    @PostMapping("/console/suspected-facts/{id}/confirmation")
    String confirm(@PathVariable String id, @RequestParam(required = false) String date,
                   @RequestParam String evidence, @RequestParam(required = false) String region,
                   @RequestParam(required = false) String idempotencyKey, RedirectAttributes redirect) {
        VerificationController.Confirmation done = api.confirm(id, new VerificationController.ConfirmationRequest(
                blankToNull(date), evidence), blankToNull(idempotencyKey)).getBody();
        readModels.await(java.time.Duration.ofSeconds(10));
        redirect.addFlashAttribute("flash", "核实属实，已登记" + (done.alreadyRecorded() ? "（此前已登记）" : "")
                + "：止付 " + done.stoppedLines() + " 笔，新发现多发 " + done.overpaymentsIdentified() + " 案，"
                + done.overpaidIdentified() + " 元");
        return back(region);
    }

    @PostMapping("/console/suspected-facts/{id}/dismissal")
    String dismiss(@PathVariable String id, @RequestParam String reason,
                   @RequestParam(required = false) String region,
                   @RequestParam(required = false) String idempotencyKey, RedirectAttributes redirect) {
        api.dismiss(id, new VerificationController.DismissalRequest(reason), blankToNull(idempotencyKey));
        readModels.await(java.time.Duration.ofSeconds(10));
        redirect.addFlashAttribute("flash", "核实不属实，已排除，恢复发放");
        return back(region);
    }

    private static String back(String region) {
        return "redirect:/console/suspected-facts" + (region == null || region.isBlank() ? ""
                : "?region=" + java.net.URLEncoder.encode(region.strip(), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
