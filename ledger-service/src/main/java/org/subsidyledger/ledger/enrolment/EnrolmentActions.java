package org.subsidyledger.ledger.enrolment;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;
import org.subsidyledger.contract.error.RowsRejectedException;
import org.subsidyledger.ledger.console.UploadProgress;
import org.subsidyledger.projections.port.ConsolePage;

/**
 * The console's enrolment upload, answered by the enrolment API's own handler: all rows or none (a file with a bad
 * row enrols nobody, as the API does without {@code recordValidRows}); the result page lists the rejected rows,
 * downloadable as XLSX.
 */
@Controller
@ConsolePage
@io.swagger.v3.oas.annotations.Hidden
class EnrolmentActions {

    private final EnrolmentController api;
    private final UploadProgress uploads;

    EnrolmentActions(EnrolmentController api, UploadProgress uploads) {
        this.api = api;
        this.uploads = uploads;
    }

    @PostMapping(path = "/console/programs/{code}/enrolments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    String enrol(@PathVariable String code, @RequestPart("file") MultipartFile file,
                 @RequestParam(required = false) String effectiveFrom,
                 @RequestParam(required = false) String progress) {
        String token = UploadProgress.token(progress);
        String title = code + " 领取人名册";
        try {
            uploads.run(token, () -> {
                EnrolmentController.Enrolled enrolled = api.enrolFile(code, file, effectiveFrom, false, null)
                        .getBody();
                Map<String, String> figures = new LinkedHashMap<>();
                figures.put("登记人数", String.valueOf(enrolled.enrolled()));
                figures.put("拒绝行数", String.valueOf(enrolled.rejected().size()));
                return new UploadProgress.Result("ENROLMENT", title, "/console/programs/" + code, figures,
                        enrolled.rejected(), false);
            });
        } catch (RowsRejectedException e) {
            uploads.keep(token, new UploadProgress.Result("ENROLMENT", title + "（未登记：请改正被拒绝的行后重新上传）",
                    "/console/programs/" + code, Map.of("登记人数", "0", "拒绝行数", String.valueOf(e.rows().size())),
                    UploadProgress.rows(e.rows()), true));
        }
        return "redirect:/console/uploads/" + token;
    }
}
