package org.subsidyledger.ledger.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.contract.error.RowProblem;
import org.subsidyledger.projections.port.AccessScope;
import org.subsidyledger.projections.port.ConsolePage;

/** An upload's progress (polled by the progress bar), its result page, and its rejected rows as XLSX. */
@Controller
@ConsolePage
@io.swagger.v3.oas.annotations.Hidden
class UploadPages {

    private final UploadProgress uploads;
    private final ConsoleText text;

    UploadPages(UploadProgress uploads, ConsoleText text) {
        this.uploads = uploads;
        this.text = text;
    }

    @GetMapping(path = "/console/uploads/{token}/progress", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, Object> progress(@PathVariable String token) {
        UploadProgress.State state = uploads.state(token);
        return state == null ? Map.of("phase", "UPLOAD", "percent", 0)
                : Map.of("phase", state.phase(), "percent", state.percent());
    }

    @GetMapping("/console/uploads/{token}")
    String result(@PathVariable String token, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("result", result(token));
        return "console/upload-result";
    }

    /** The rejected rows as a workbook the clerk corrects and posts again: line, ID (as text), code, reason. */
    @GetMapping("/console/uploads/{token}/rejected.xlsx")
    ResponseEntity<byte[]> rejected(@PathVariable String token) throws IOException {
        UploadProgress.Result result = result(token);
        AccessScope scope = AccessScope.current();
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("被拒绝的行");
            CellStyle asText = workbook.createCellStyle();
            asText.setDataFormat(workbook.createDataFormat().getFormat("@"));
            Row header = sheet.createRow(0);
            String[] headers = {"行号", "身份证号", "代码", "原因", "说明"};
            for (int i = 0; i < headers.length; i++) {
                header.createCell(i).setCellValue(headers[i]);
            }
            int r = 1;
            for (RowProblem row : result.rejected()) {
                Row line = sheet.createRow(r++);
                line.createCell(0).setCellValue(row.line());
                var id = line.createCell(1);
                id.setCellStyle(asText);
                id.setCellValue(row.id() == null ? "" : scope.id(row.id()));
                line.createCell(2).setCellValue(row.code());
                line.createCell(3).setCellValue(text.reason(row.code(), row.message()));
                line.createCell(4).setCellValue(scope.text(row.message() == null ? "" : row.message()));
            }
            sheet.setColumnWidth(1, 22 * 256);
            sheet.setColumnWidth(3, 60 * 256);
            sheet.setColumnWidth(4, 60 * 256);
            workbook.write(out);
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                            .filename("rejected-rows.xlsx").build().toString())
                    .body(out.toByteArray());
        }
    }

    private UploadProgress.Result result(String token) {
        UploadProgress.State state = uploads.state(token);
        if (state == null || state.result() == null) {
            throw new LedgerException(ErrorCode.NOT_FOUND, "没有这次上传的结果（结果保留一小时，且只对上传人可见）");
        }
        return state.result();
    }
}
