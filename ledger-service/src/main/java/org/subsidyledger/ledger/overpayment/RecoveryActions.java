package org.subsidyledger.ledger.overpayment;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.subsidyledger.ledger.operations.ReadModelCatchUp;
import org.subsidyledger.projections.port.ConsolePage;

/**
 * The console's case actions — repayment, write-off proposal, cancellation proposal, and a second person's decision
 * on a proposal — answered by the recovery API's own handlers (same roles, two-person rule and events). Forms carry
 * the idempotency key made when the case page was shown: a double click records one repayment.
 */
@Controller
@ConsolePage
@io.swagger.v3.oas.annotations.Hidden
class RecoveryActions {

    private final RecoveryController api;
    private final ReadModelCatchUp readModels;

    RecoveryActions(RecoveryController api, ReadModelCatchUp readModels) {
        this.api = api;
        this.readModels = readModels;
    }

    @PostMapping("/console/overpayments/{id}/repayments")
    String repay(@PathVariable String id, @RequestParam String amount, @RequestParam String receivedOn,
                 @RequestParam String method, @RequestParam(required = false) String reference,
                 @RequestParam(required = false) String idempotencyKey, RedirectAttributes redirect) {
        RecoveryController.RepaymentAnswer answer = api.repay(id, new RecoveryController.RepaymentRequest(amount,
                receivedOn, method, blankToNull(reference)), blankToNull(idempotencyKey)).getBody();
        return back(id, redirect, "已登记还款 " + answer.amount() + " 元");
    }

    @PostMapping("/console/overpayments/{id}/deduction")
    String arrangeDeduction(@PathVariable String id, @RequestParam String share,
                            @RequestParam(required = false) Boolean recipientAgreed, RedirectAttributes redirect) {
        api.arrangeDeduction(id, new RecoveryController.DeductionRequest(share, recipientAgreed));
        return back(id, redirect, "已安排从后续待遇中扣回（每月不超过标准的 " + share + "）");
    }

    @PostMapping("/console/overpayments/{id}/write-offs")
    String proposeWriteOff(@PathVariable String id, @RequestParam String amount, @RequestParam String reason,
                           @RequestParam(required = false) String reasonCode,
                           @RequestParam(required = false) String idempotencyKey, RedirectAttributes redirect) {
        api.proposeWriteOff(id, new RecoveryController.WriteOffRequest(amount, reason, blankToNull(reasonCode)),
                blankToNull(idempotencyKey));
        return back(id, redirect, "核销申请已提交，待另一人审批");
    }

    @PostMapping("/console/overpayments/{id}/cancellation")
    String proposeCancellation(@PathVariable String id, @RequestParam String reason,
                               @RequestParam(required = false) String idempotencyKey, RedirectAttributes redirect) {
        api.cancel(id, new RecoveryController.CancellationRequest(reason), blankToNull(idempotencyKey));
        return back(id, redirect, "撤销申请已提交，待另一人审批");
    }

    @PostMapping("/console/overpayments/{id}/write-offs/{writeOffId}/approval")
    String decideWriteOff(@PathVariable String id, @PathVariable String writeOffId, @RequestParam String decision,
                          @RequestParam(required = false) String comment, RedirectAttributes redirect) {
        api.decideWriteOff(id, writeOffId, new RecoveryController.DecisionRequest(decision, comment));
        return back(id, redirect, "APPROVE".equals(decision) ? "核销已批准" : "核销已驳回");
    }

    @PostMapping("/console/overpayments/{id}/cancellations/{cancellationId}/approval")
    String decideCancellation(@PathVariable String id, @PathVariable String cancellationId,
                              @RequestParam String decision, @RequestParam(required = false) String comment,
                              RedirectAttributes redirect) {
        api.decideCancellation(id, cancellationId, new RecoveryController.DecisionRequest(decision, comment));
        return back(id, redirect, "APPROVE".equals(decision) ? "撤销已批准" : "撤销已驳回");
    }

    private String back(String id, RedirectAttributes redirect, String done) {
        readModels.await(java.time.Duration.ofSeconds(10));
        redirect.addFlashAttribute("flash", done);
        return "redirect:/console/overpayments/" + id;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
