package org.subsidyledger.ledger.tabular;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;

/** {@code GET /templates/{kind}.xlsx}: the XLSX template of each upload, for any signed-in user. */
@RestController
class TemplateController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @io.swagger.v3.oas.annotations.Operation(summary = "Download the XLSX template of an upload (enrolment, batch, "
            + "bank-return, death-comparison)")
    @ApiResponse(responseCode = "200", description = "the template: Chinese headers, the ID column formatted as text",
            content = @Content(mediaType = XLSX, schema = @Schema(type = "string", format = "binary")))
    @GetMapping("/api/v1/templates/{kind}.xlsx")
    ResponseEntity<byte[]> template(@PathVariable String kind) {
        FileFormat format = FileFormat.bySlug(kind).orElseThrow(() -> new LedgerException(ErrorCode.NOT_FOUND,
                "no template '" + kind + "'; there are enrolment, batch, bank-return and death-comparison"));
        ContentDisposition attachment = ContentDisposition.attachment()
                .filename(format.title() + "模板.xlsx", StandardCharsets.UTF_8).build();
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(XLSX))
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment.toString())
                .body(Templates.xlsx(format));
    }
}
