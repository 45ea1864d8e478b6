package org.subsidyledger.ledger.tabular;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The downloadable XLSX template of a {@link FileFormat}: a first sheet with the Chinese headers and each column
 * formatted for what it holds — the ID number (and every text column) as text ({@code @}), so Excel never turns an
 * 18-digit number into 1.10105E+17; amounts {@code #,##0.00}; months and dates as dates — and a second sheet saying
 * how to fill it in. The reader reads the first sheet only, so the instructions are never read as data.
 */
final class Templates {

    /** Per column key: what to write, and an example. */
    private static final Map<String, List<String>> HINTS = Map.ofEntries(
            Map.entry("id", List.of("18 位公民身份号码，本列已设为文本格式；末位 X 大小写均可", "11010519491231002X")),
            Map.entry("recipientId", List.of("18 位公民身份号码，本列已设为文本格式；末位 X 大小写均可",
                    "11010519491231002X")),
            Map.entry("name", List.of("与登记一致的姓名", "张三")),
            Map.entry("region", List.of("领取人所属行政区划代码（6、9 或 12 位）", "650102")),
            Map.entry("monthlyStandard", List.of("个人月标准，元，最多两位小数；不填则按项目标准", "120.00")),
            Map.entry("effectiveFrom", List.of("起始月份（年-月）；不填则按上传时给出的月份", "2024-01")),
            Map.entry("amount", List.of("本月发放金额，元，最多两位小数，大于 0", "120.00")),
            Map.entry("note", List.of("备注，可不填", "")),
            Map.entry("batchId", List.of("退票所属的发放批次编号，可不填（不填即为本次上传的批次）", "")),
            Map.entry("reason", List.of("银行退票原因", "账户已销户")),
            Map.entry("dateOfDeath", List.of("死亡日期（年-月-日）", "2024-03-05")),
            Map.entry("certifiedOn", List.of("认证日期（年-月-日），不晚于今天", "2024-03-10")),
            Map.entry("method", List.of("认证方式：人脸识别、入户、社区、其他（或 FACE、HOME_VISIT、COMMUNITY、OTHER）",
                    "人脸识别")),
            Map.entry("source", List.of("数据来源，可不填（不填则按上传时给出的来源）", "殡葬管理所")));

    private Templates() {
    }

    static byte[] xlsx(FileFormat format) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(format.title());
            CellStyle header = workbook.createCellStyle();
            Font bold = workbook.createFont();
            bold.setBold(true);
            header.setFont(bold);
            header.setDataFormat(workbook.createDataFormat().getFormat("@"));
            Row titles = sheet.createRow(0);
            List<Column> columns = format.columns();
            for (int c = 0; c < columns.size(); c++) {
                Column column = columns.get(c);
                titles.createCell(c).setCellValue(column.title());
                titles.getCell(c).setCellStyle(header);
                CellStyle style = workbook.createCellStyle();
                style.setDataFormat(workbook.createDataFormat().getFormat(numberFormat(column.kind())));
                sheet.setDefaultColumnStyle(c, style);
                sheet.setColumnWidth(c, (column.kind() == Column.Kind.ID ? 22 : 14) * 256);
            }
            sheet.createFreezePane(0, 1);
            instructions(workbook.createSheet("填写说明"), format);
            workbook.write(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The number format a column's cells get: what Excel then stores when a clerk types into them. */
    static String numberFormat(Column.Kind kind) {
        return switch (kind) {
            case ID, TEXT -> "@";
            case AMOUNT -> "#,##0.00";
            case MONTH -> "yyyy-mm";
            case DATE -> "yyyy-mm-dd";
        };
    }

    private static void instructions(Sheet sheet, FileFormat format) {
        Row head = sheet.createRow(0);
        List<String> titles = List.of("列名", "是否必填", "填写要求", "示例", "也可用的列名");
        for (int c = 0; c < titles.size(); c++) {
            head.createCell(c).setCellValue(titles.get(c));
        }
        int r = 1;
        for (Column column : format.columns()) {
            List<String> hint = HINTS.getOrDefault(column.key(), List.of("", ""));
            Row row = sheet.createRow(r++);
            row.createCell(0).setCellValue(column.title());
            row.createCell(1).setCellValue(column.required() ? "必填" : "选填");
            row.createCell(2).setCellValue(hint.get(0));
            row.createCell(3).setCellValue(hint.get(1));
            row.createCell(4).setCellValue(String.join("、", column.headers().subList(1, column.headers().size())));
        }
        r++;
        for (String note : List.of(
                "只读取第一张工作表「" + format.title() + "」；第一行是表头，请勿修改，列的顺序可以调整，多余的列不读取。",
                "身份证号列已设置为\"文本\"格式：请直接输入或以\"只粘贴文本\"方式粘贴。以数值保存的身份证号只剩 15 位有效数字，"
                        + "该行将被拒绝（ID_NOT_TEXT）。",
                "金额以元为单位，最多两位小数；公式结果请用 ROUND(…,2) 取整到分。",
                "也可另存为 CSV（UTF-8 或 GB18030 编码）上传。")) {
            sheet.createRow(r++).createCell(0).setCellValue(note);
        }
        sheet.setColumnWidth(0, 14 * 256);
        sheet.setColumnWidth(2, 60 * 256);
        sheet.setColumnWidth(3, 22 * 256);
        sheet.setColumnWidth(4, 36 * 256);
    }
}
