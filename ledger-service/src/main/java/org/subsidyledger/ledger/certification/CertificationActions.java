package org.subsidyledger.ledger.certification;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.subsidyledger.ledger.operations.ReadModelCatchUp;
import org.subsidyledger.projections.port.ConsolePage;

/**
 * The work list's form: a clerk records that a recipient certified, answered by the certification API's own handler
 * (same role, scope, idempotency and events), then back to the work list with what it released.
 */
@Controller
@ConsolePage
@io.swagger.v3.oas.annotations.Hidden
class CertificationActions {

    private final CertificationController api;
    private final ReadModelCatchUp readModels;

    CertificationActions(CertificationController api, ReadModelCatchUp readModels) {
        this.api = api;
        this.readModels = readModels;
    }

    @PostMapping("/console/recipients/{id}/certifications")
    String certify(@PathVariable String id, @RequestParam String program, @RequestParam String certifiedOn,
                   @RequestParam String method, @RequestParam(required = false) String month,
                   @RequestParam(required = false) String region,
                   @RequestParam(required = false) String idempotencyKey, RedirectAttributes redirect) {
        CertificationController.CertificationResult done = api.certify(id, new CertificationController.CertifyRequest(
                program, certifiedOn, method, null), blank(idempotencyKey) ? null : idempotencyKey.strip()).getBody();
        readModels.await(java.time.Duration.ofSeconds(10));
        int released = done.released().stream().mapToInt(r -> r.months().size()).sum();
        redirect.addFlashAttribute("flash", (done.alreadyRecorded() ? "该认证此前已登记" : "已登记认证（" + certifiedOn + "）")
                + (released == 0 ? "" : "：暂停期间 " + released + " 个月转为待补发"));
        return "redirect:/console/certifications?program=" + encode(program) + (blank(month) ? "" : "&month="
                + encode(month)) + (blank(region) ? "" : "&region=" + encode(region));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value.strip(), StandardCharsets.UTF_8);
    }
}
