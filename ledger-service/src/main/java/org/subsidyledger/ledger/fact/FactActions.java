package org.subsidyledger.ledger.fact;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.subsidyledger.contract.error.RowProblem;
import org.subsidyledger.contract.error.RowsRejectedException;
import org.subsidyledger.ledger.console.UploadProgress;
import org.subsidyledger.ledger.operations.ReadModelCatchUp;
import org.subsidyledger.projections.port.ConsolePage;

/**
 * The console's life-event forms (death, suspension) and the death comparison upload, answered by the fact API's
 * own handlers. Each form carries an idempotency key made when it was shown, so a double click records once.
 */
@Controller
@ConsolePage
@io.swagger.v3.oas.annotations.Hidden
class FactActions {

    private final FactController api;
    private final UploadProgress uploads;
    private final org.subsidyledger.ledger.console.ConsoleFormat format;
    private final ReadModelCatchUp readModels;

    FactActions(FactController api, UploadProgress uploads, ReadModelCatchUp readModels,
            org.subsidyledger.ledger.console.ConsoleFormat format) {
        this.format = format;
        this.api = api;
        this.uploads = uploads;
        this.readModels = readModels;
    }

    @PostMapping("/console/recipients/{id}/deaths")
    String death(@PathVariable String id, @RequestParam String dateOfDeath, @RequestParam String source,
                 @RequestParam(required = false) String idempotencyKey, RedirectAttributes redirect) {
        FactController.FactRecorded recorded = api.death(id, new FactController.DeathRequest(dateOfDeath, source),
                blankToNull(idempotencyKey)).getBody();
        return back(id, redirect, recorded, "死亡已登记");
    }

    @PostMapping("/console/recipients/{id}/suspensions")
    String suspension(@PathVariable String id, @RequestParam String kind, @RequestParam String from,
                      @RequestParam(required = false) String to, @RequestParam String source,
                      @RequestParam(required = false) String idempotencyKey, RedirectAttributes redirect) {
        FactController.FactRecorded recorded = api.suspension(id, new FactController.SuspensionRequest(kind, from,
                blankToNull(to), source), blankToNull(idempotencyKey)).getBody();
        return back(id, redirect, recorded, "暂停发放已登记");
    }

    @PostMapping(path = "/console/death-comparisons", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    String comparison(@RequestPart("file") MultipartFile file, @RequestParam(required = false) String source,
                      @RequestParam(required = false) String progress) {
        String token = UploadProgress.token(progress);
        try {
            uploads.run(token, () -> {
                FactController.ComparisonRecorded done = api.compare(file, source, null).getBody();
                Map<String, String> figures = new LinkedHashMap<>();
                figures.put("比对行数", String.valueOf(done.rows()));
                figures.put("新登记死亡", String.valueOf(done.recorded()));
                figures.put("此前已登记", String.valueOf(done.alreadyRecorded()));
                figures.put("未登记行", String.valueOf(done.notRecorded()));
                figures.put("止付笔数", String.valueOf(done.stoppedLines()));
                figures.put("新发现多发案件", String.valueOf(done.overpaymentsIdentified()));
                figures.put("多发金额", format.yuan(done.overpaidIdentified()));
                List<RowProblem> rejected = done.rejected().stream().map(row -> new RowProblem(row.line(),
                        row.recipientId(), row.code(), row.message())).toList();
                return new UploadProgress.Result("DEATH_COMPARISON", "死亡比对结果",
                        "/console/death-comparisons/" + done.comparisonId(), figures, rejected, false);
            });
        } catch (RowsRejectedException e) {
            uploads.keep(token, new UploadProgress.Result("DEATH_COMPARISON", "死亡比对结果（未记录）", null,
                    Map.of("比对行数", "0", "未登记行", String.valueOf(e.rows().size())), UploadProgress.rows(e.rows()),
                    true));
        }
        return "redirect:/console/uploads/" + token;
    }

    private String back(String id, RedirectAttributes redirect, FactController.FactRecorded recorded, String done) {
        readModels.await(java.time.Duration.ofSeconds(10));
        redirect.addFlashAttribute("flash", (recorded.alreadyRecorded() ? "此前已登记，未重复记录" : done)
                + (recorded.change() != null ? "（待另一人批准）" : "") + "：止付 " + recorded.stoppedLines()
                + " 笔，新发现多发 " + recorded.overpaymentsIdentified() + " 案，" + recorded.overpaidIdentified() + " 元");
        return "redirect:/console/recipients/" + id;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
