package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * The XLSX templates of the uploads ({@code GET /templates/{kind}.xlsx}), downloaded, filled in with POI as Excel
 * stores what a clerk types into them — the ID as text, an amount as a number formatted {@code #,##0.00}, a month or
 * date as a date cell — and uploaded; and an ID number in a numeric cell refused with {@code ID_NOT_TEXT}.
 */
class TemplateHttpTest extends HttpTestBase {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Test
    void eachTemplateHasChineseHeadersAndItsIdColumnFormattedAsText() throws IOException {
        List<List<String>> expected = List.of(
                List.of("enrolment", "身份证号", "姓名", "行政区划", "月标准", "起始月份"),
                List.of("batch", "身份证号", "姓名", "金额", "备注", "补发月份", "一次性待遇"),
                List.of("bank-return", "身份证号", "批次", "原因"),
                List.of("death-comparison", "身份证号", "姓名", "死亡日期", "数据来源"),
                List.of("certification", "身份证号", "姓名", "认证日期", "认证方式"));
        for (List<String> template : expected) {
            HttpResponse<byte[]> answer = getBytes("evaluator", "/api/v1/templates/" + template.get(0) + ".xlsx");
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith(XLSX);
            assertThat(answer.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
            try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(answer.body()))) {
                Sheet sheet = workbook.getSheetAt(0);
                List<String> headers = new ArrayList<>();
                sheet.getRow(0).forEach(cell -> headers.add(cell.getStringCellValue()));
                assertThat(headers).isEqualTo(template.subList(1, template.size()));
                assertThat(sheet.getColumnStyle(0).getDataFormatString()).as("the ID column").isEqualTo("@");
                assertThat(sheet.getLastRowNum()).as("no example row to upload by mistake").isZero();
                assertThat(workbook.getSheetAt(1).getSheetName()).isEqualTo("填写说明");
            }
        }
        get("clerk", "/api/v1/templates/pension.xlsx").expectProblem(404, "NOT_FOUND");
        assertThat(get(null, "/api/v1/templates/batch.xlsx").status()).isEqualTo(401);
    }

    @Test
    void eachTemplateFilledInAsExcelStoresItIsAccepted() throws IOException {
        String code = newProgram("TPL");
        String id = validId("650102" + "19380707" + "%03d".formatted(ThreadLocalRandom.current().nextInt(1000)));

        JsonNode enrolled = postFile("clerk", "/api/v1/programs/" + code + "/enrolments", "登记名单.xlsx",
                filled("enrolment", id, "受益人甲", "650102", 120.0, LocalDate.of(2023, 1, 1)), null)
                .expect(201).json();
        assertThat(enrolled.get("enrolled").asInt()).isEqualTo(1);

        JsonNode posted = postFile("clerk", batches(code, "2023-03"), "发放明细.xlsx",
                filled("batch", id, "受益人甲", 1200.5, "三月"), null).expect(201).json();
        assertThat(posted.get("accepted").asInt()).isEqualTo(1);
        assertThat(posted.get("acceptedTotal").asText()).as("1,200.50 in a #,##0.00 cell").isEqualTo("1200.50");
        String batch = posted.get("batchId").asText();
        approveAndDisburse(batch, "2023-03-20");

        JsonNode returned = postFile("finance", returns(batch) + "?reference=TP-TPL-1", "退票明细.xlsx",
                filled("bank-return", id, batch, "账户已销户"), null).expect(201).json();
        assertThat(returned.get("returned").asInt()).isEqualTo(1);
        assertThat(returned.get("returnedTotal").asText()).isEqualTo("1200.50");

        JsonNode compared = postFile("clerk", "/api/v1/death-comparisons", "死亡比对.xlsx",
                filled("death-comparison", id, "受益人甲", LocalDate.of(2023, 5, 10), "殡葬管理所"), null)
                .expect(201).json();
        assertThat(compared.get("recorded").asInt()).as("%s", compared).isEqualTo(1);
        eventually(() -> get("clerk", "/api/v1/recipients/" + id + "/facts").text().contains("\"2023-05-10\""));
    }

    @Test
    void anIdNumberInANumericCellIsRejectedWithItsCodeAndAChineseMessage() throws IOException {
        String code = newProgram("TPLN");
        enrol(code, "2023-01", 4_100_001);
        String good = syntheticId(4_100_001);
        // a sheet whose ID column is General: Excel keeps 15 significant digits of what was typed
        byte[] batch = workbook(new String[]{"身份证号", "姓名", "金额"}, new Object[][]{
                {good, "受益人4100001", 120.0},
                {650102193001010000.0, "受益人", 120.0}});
        JsonNode posted = postFile("clerk", batches(code, "2023-02"), "二月.xlsx", batch, null).expect(201).json();
        assertThat(posted.get("accepted").asInt()).isEqualTo(1);
        JsonNode rejected = posted.get("rejected").get(0);
        assertThat(rejected.get("line").asInt()).isEqualTo(3);
        assertThat(rejected.get("code").asText()).isEqualTo("ID_NOT_TEXT");
        assertThat(rejected.get("message").asText()).contains("设置为\"文本\"格式");

        byte[] enrolment = workbook(new String[]{"身份证号", "姓名", "行政区划"}, new Object[][]{
                {650102193001010000.0, "受益人", "650102"}});
        Answer refused = postFile("clerk", "/api/v1/programs/" + code + "/enrolments?effectiveFrom=2023-01",
                "名单.xlsx", enrolment, null).expectProblem(422, "INVALID_ROWS");
        assertThat(refused.json().get("errors").get(0).get("code").asText()).isEqualTo("ID_NOT_TEXT");
        assertThat(refused.json().get("errors").get(0).get("line").asInt()).isEqualTo(2);
    }

    /**
     * The template of {@code kind} with its second row filled in: each cell takes its column's style, as a cell typed
     * into a formatted column does in Excel; text stays text, a number is a numeric cell, a date a date cell.
     */
    private byte[] filled(String kind, Object... values) throws IOException {
        HttpResponse<byte[]> template = getBytes("clerk", "/api/v1/templates/" + kind + ".xlsx");
        assertThat(template.statusCode()).isEqualTo(200);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template.body()));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.getSheetAt(0);
            Row row = sheet.createRow(1);
            for (int c = 0; c < values.length; c++) {
                Cell cell = row.createCell(c);
                CellStyle style = sheet.getColumnStyle(c);
                if (style != null) {
                    cell.setCellStyle(style);
                }
                set(cell, values[c]);
            }
            assertThat(sheet.getColumnStyle(0).getDataFormatString()).isEqualTo("@");
            workbook.write(out);
            return out.toByteArray();
        }
    }

    /** A workbook of one sheet, cells without number formats (General), as a sheet made without the template is. */
    private static byte[] workbook(String[] header, Object[][] rows) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("Sheet1");
            Row titles = sheet.createRow(0);
            for (int c = 0; c < header.length; c++) {
                titles.createCell(c).setCellValue(header[c]);
            }
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r + 1);
                for (int c = 0; c < rows[r].length; c++) {
                    set(row.createCell(c), rows[r][c]);
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private static void set(Cell cell, Object value) {
        if (value instanceof Double number) {
            cell.setCellValue(number);
        } else if (value instanceof LocalDate date) {
            cell.setCellValue(date);
        } else {
            cell.setCellValue((String) value);
        }
    }
}
