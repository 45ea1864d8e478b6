package org.subsidyledger.ledger.batch;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.subsidyledger.contract.error.RowsRejectedException;
import org.subsidyledger.ledger.console.UploadProgress;
import org.subsidyledger.ledger.operations.ReadModelCatchUp;
import org.subsidyledger.projections.port.ConsolePage;

/**
 * The console's batch actions: each form posts here and is answered by the batch API's own handler (same roles,
 * checks, idempotency and events), then the browser is sent back to the page (post/redirect/get) with what was done.
 */
@Controller
@ConsolePage
@io.swagger.v3.oas.annotations.Hidden
class BatchActions {

    private final BatchController api;
    private final UploadProgress uploads;
    private final org.subsidyledger.ledger.console.ConsoleFormat format;
    private final ReadModelCatchUp readModels;

    BatchActions(BatchController api, UploadProgress uploads, ReadModelCatchUp readModels,
            org.subsidyledger.ledger.console.ConsoleFormat format) {
        this.format = format;
        this.api = api;
        this.uploads = uploads;
        this.readModels = readModels;
    }

    /** A batch file with the progress bar's token: the result page lists what was accepted and rejected. */
    @PostMapping(path = "/console/programs/{code}/batches", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    String post(@PathVariable String code, @RequestParam String period, @RequestPart("file") MultipartFile file,
                @RequestParam(required = false) String progress) {
        String token = UploadProgress.token(progress);
        try {
            uploads.run(token, () -> {
                BatchController.PostedBatch posted = api.postFile(code, period, file, null).getBody();
                Map<String, String> figures = new LinkedHashMap<>();
                figures.put("接收行数", String.valueOf(posted.accepted()));
                figures.put("接收金额", format.yuan(posted.acceptedTotal()));
                figures.put("不足额", String.valueOf(posted.shortLines()));
                figures.put("超标准", String.valueOf(posted.over()));
                figures.put("拒绝行数", String.valueOf(posted.rejected().size()));
                return new UploadProgress.Result("BATCH", code + " " + period + " 发放批次",
                        "/console/batches/" + posted.batchId(), figures, UploadProgress.rows(posted.rejected()), false);
            });
        } catch (RowsRejectedException e) {
            uploads.keep(token, new UploadProgress.Result("BATCH", code + " " + period + " 发放批次（未记录）", null,
                    Map.of("接收行数", "0", "拒绝行数", String.valueOf(e.rows().size())), UploadProgress.rows(e.rows()), true));
        }
        return "redirect:/console/uploads/" + token;
    }

    @PostMapping("/console/batches/{id}/reviews")
    String review(@PathVariable String id, @RequestParam Integer level, @RequestParam String decision,
                  @RequestParam(required = false) String comment, RedirectAttributes redirect) {
        BatchController.BatchStep step = api.review(id, new BatchController.ReviewRequest(level,
                BatchCommands.Decision.valueOf(decision), comment));
        return back(id, redirect, "第 " + level + " 级复核已记录", step);
    }

    @PostMapping("/console/batches/{id}/approval")
    String approve(@PathVariable String id, @RequestParam String decision,
                   @RequestParam(required = false) String comment, RedirectAttributes redirect) {
        BatchController.BatchStep step = api.approve(id, new BatchController.ApprovalRequest(
                BatchCommands.Decision.valueOf(decision), comment));
        return back(id, redirect, "财务审批已记录", step);
    }

    @PostMapping("/console/batches/{id}/disbursement")
    String disburse(@PathVariable String id, @RequestParam String disbursedOn, RedirectAttributes redirect) {
        BatchController.Disbursed done = api.disburse(id, new BatchController.DisbursementRequest(disbursedOn));
        readModels.await(java.time.Duration.ofSeconds(10));
        redirect.addFlashAttribute("flash", "已登记发放：止付 " + done.stoppedLines() + " 笔，扣回 "
                + done.deductedLines() + " 笔（" + done.deducted() + " 元）");
        return "redirect:/console/batches/" + id;
    }

    @PostMapping("/console/batches/{id}/resubmission")
    String resubmitOrWithdraw(@PathVariable String id, @RequestParam String action, @RequestParam String comment,
                              RedirectAttributes redirect) {
        BatchController.CommentRequest request = new BatchController.CommentRequest(comment, comment);
        if ("WITHDRAW".equals(action)) {
            return back(id, redirect, "批次已撤回", api.withdraw(id, request));
        }
        return back(id, redirect, "批次已重新提交", api.resubmit(id, request));
    }

    @PostMapping(path = "/console/batches/{id}/returns", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    String returns(@PathVariable String id, @RequestPart("file") MultipartFile file,
                   @RequestParam(required = false) String reference, @RequestParam(required = false) String progress) {
        String token = UploadProgress.token(progress);
        try {
            uploads.run(token, () -> {
                BatchController.ReturnsRecorded recorded = api.returnsFile(id, file,
                        reference == null || reference.isBlank() ? null : reference, null).getBody();
                Map<String, String> figures = new LinkedHashMap<>();
                figures.put("退票笔数", String.valueOf(recorded.returned()));
                figures.put("退票金额", format.yuan(recorded.returnedTotal()));
                figures.put("拒绝行数", String.valueOf(recorded.rejected().size()));
                return new UploadProgress.Result("RETURNS", "银行退票", "/console/batches/" + id, figures,
                        UploadProgress.rows(recorded.rejected()), false);
            });
        } catch (RowsRejectedException e) {
            uploads.keep(token, new UploadProgress.Result("RETURNS", "银行退票（未记录）", "/console/batches/" + id,
                    Map.of("退票笔数", "0", "拒绝行数", String.valueOf(e.rows().size())), UploadProgress.rows(e.rows()), true));
        }
        return "redirect:/console/uploads/" + token;
    }

    /** Back to the batch page once the read models show the step. */
    private String back(String id, RedirectAttributes redirect, String done, BatchController.BatchStep step) {
        readModels.await(java.time.Duration.ofSeconds(10));
        redirect.addFlashAttribute("flash", done);
        return "redirect:/console/batches/" + id;
    }

}
