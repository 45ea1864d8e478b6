package org.subsidyledger.ledger.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.time.LocalDate;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.Test;
import org.subsidyledger.contract.error.ErrorCode;

class TabularReaderTest {

    private static final List<Column> COLUMNS = List.of(
            Column.required("id", "身份证号", "recipient_id"),
            Column.required("name", "姓名", "name"),
            Column.optional("note", "备注", "note"));

    private static final String CHINESE_CSV = "身份证号,姓名,备注\n11010519491231002X,张三,第一行\n\n530102192005080119,李四,\n";

    @Test
    void readsUtf8CsvWithChineseHeadersAndLineNumbers() {
        List<TabularRow> rows = read(CHINESE_CSV.getBytes(StandardCharsets.UTF_8));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).line()).isEqualTo(2);
        assertThat(rows.get(0).values()).containsExactly("11010519491231002X", "张三", "第一行");
        assertThat(rows.get(1).line()).as("the blank line 3 is skipped but counted").isEqualTo(4);
        assertThat(rows.get(1).value(2)).isNull();
    }

    @Test
    void readsUtf8CsvWithByteOrderMark() {
        byte[] body = CHINESE_CSV.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        assertThat(read(withBom)).extracting(r -> r.value(1)).containsExactly("张三", "李四");
    }

    @Test
    void readsGb18030Csv() {
        byte[] gb = CHINESE_CSV.getBytes(Charset.forName("GB18030"));
        assertThat(read(gb)).extracting(r -> r.value(1)).containsExactly("张三", "李四");
    }

    @Test
    void readsEnglishHeadersInAnyCaseAndOrder() {
        List<TabularRow> rows = read("Name, Recipient_ID\n王五,11010519491231002X\n".getBytes(StandardCharsets.UTF_8));
        assertThat(rows.get(0).values()).containsExactly("11010519491231002X", "王五", null);
    }

    @Test
    void keepsLineNumbersAcrossQuotedFieldsWithLineBreaks() {
        List<TabularRow> rows = read("姓名,身份证号,备注\n张三,1,\"two\nlines\"\n李四,2,x\n".getBytes(StandardCharsets.UTF_8));
        assertThat(rows).extracting(TabularRow::line).containsExactly(2, 4);
    }

    @Test
    void refusesAFileWithoutARequiredColumn() {
        assertThatThrownBy(() -> read("身份证号,备注\n1,2\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(TabularFileException.class)
                .hasMessageContaining("姓名|name")
                .extracting(e -> ((TabularFileException) e).code()).isEqualTo(ErrorCode.MISSING_COLUMN);
    }

    @Test
    void refusesUtf16() {
        byte[] utf16 = ("\uFEFF" + CHINESE_CSV).getBytes(StandardCharsets.UTF_16LE);
        assertThatThrownBy(() -> read(utf16)).extracting(e -> ((TabularFileException) e).code())
                .isEqualTo(ErrorCode.UNSUPPORTED_ENCODING);
    }

    @Test
    void refusesBytesThatAreNeitherUtf8NorGb18030() {
        byte[] bytes = {'a', ',', 'b', '\n', (byte) 0x81, (byte) 0x20, '\n'};
        assertThatThrownBy(() -> read(bytes)).extracting(e -> ((TabularFileException) e).code())
                .isEqualTo(ErrorCode.UNSUPPORTED_ENCODING);
    }

    @Test
    void refusesAnUnterminatedQuoteWithItsLine() {
        byte[] bytes = "身份证号,姓名\n1,张三\n2,\"李四\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> read(bytes))
                .isInstanceOf(TabularFileException.class)
                .hasMessageContaining("line 3")
                .extracting(e -> ((TabularFileException) e).code()).isEqualTo(ErrorCode.MALFORMED_FILE);
    }

    @Test
    void refusesAHeaderOnlyFileAsEmpty() {
        assertThatThrownBy(() -> read("身份证号,姓名\n".getBytes(StandardCharsets.UTF_8)))
                .extracting(e -> ((TabularFileException) e).code()).isEqualTo(ErrorCode.EMPTY_FILE);
    }

    @Test
    void refusesLegacyXls() {
        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0, 0, 0, 0};
        assertThatThrownBy(() -> read(ole2)).extracting(e -> ((TabularFileException) e).code())
                .isEqualTo(ErrorCode.UNSUPPORTED_FILE_TYPE);
    }

    @Test
    void readsXlsxWithItsRowNumbers() throws IOException {
        byte[] xlsx = xlsx(new String[][]{
                {"身份证号", "姓名", "备注"},
                {"11010519491231002X", "张三", null},
                {null, null, null},
                {"530102192005080119", "李四", "x"}});
        List<TabularRow> rows = read(xlsx);
        assertThat(rows).extracting(TabularRow::line).containsExactly(2, 4);
        assertThat(rows.get(1).values()).containsExactly("530102192005080119", "李四", "x");
    }

    @Test
    void refusesABrokenXlsx() {
        byte[] notReallyXlsx = {0x50, 0x4B, 0x03, 0x04, 1, 2, 3};
        assertThatThrownBy(() -> read(notReallyXlsx)).extracting(e -> ((TabularFileException) e).code())
                .isEqualTo(ErrorCode.MALFORMED_FILE);
    }

    private static final List<Column> TYPED = List.of(
            Column.required("id", "身份证号", "recipient_id").as(Column.Kind.ID),
            Column.required("amount", "金额", "amount").as(Column.Kind.AMOUNT),
            Column.optional("month", "起始月份", "effective_from").as(Column.Kind.MONTH),
            Column.optional("date", "死亡日期", "date_of_death").as(Column.Kind.DATE),
            Column.optional("region", "行政区划", "region"));

    @Test
    void readsNumericAndDateCellsAsExcelWritesThemWhateverTheirFormat() throws IOException {
        byte[] xlsx = workbook(new String[]{"身份证号", "金额", "起始月份", "死亡日期", "行政区划"}, (workbook, sheet) -> {
            CellStyle thousands = style(workbook, "#,##0.00");
            CellStyle yuan = style(workbook, "\"¥\"#,##0.00");
            CellStyle month = style(workbook, "yyyy-mm");
            CellStyle day = style(workbook, "yyyy/m/d");
            Object[][] rows = {
                    {1200.0, thousands, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 3, 5), 650102000000.0},
                    {120.0, yuan, LocalDate.of(2023, 12, 1), LocalDate.of(2023, 12, 31), 650102.0},
                    {0.1 + 0.2, null, null, null, null},
                    {120.5, null, null, null, null},
                    {1234567.89, thousands, null, null, null}};
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r + 1);
                row.createCell(0).setCellValue("11010519491231002X");
                Cell amount = row.createCell(1);
                amount.setCellValue((Double) rows[r][0]);
                if (rows[r][1] != null) {
                    amount.setCellStyle((CellStyle) rows[r][1]);
                }
                if (rows[r][2] != null) {
                    Cell cell = row.createCell(2);
                    cell.setCellValue((LocalDate) rows[r][2]);
                    cell.setCellStyle(month);
                    Cell died = row.createCell(3);
                    died.setCellValue((LocalDate) rows[r][3]);
                    died.setCellStyle(day);
                    row.createCell(4).setCellValue((Double) rows[r][4]);
                }
            }
        });
        List<TabularRow> read = TabularReader.read("typed.xlsx", xlsx, TYPED);
        assertThat(read.get(0).values()).containsExactly("11010519491231002X", "1200", "2024-01", "2024-03-05",
                "650102000000");
        assertThat(read.get(1).values()).containsExactly("11010519491231002X", "120", "2023-12", "2023-12-31",
                "650102");
        assertThat(read.get(2).value(1)).as("a sum that is not 0.3 exactly keeps its digits, for the amount check to "
                + "refuse").isEqualTo("0.30000000000000004");
        assertThat(read.get(3).value(1)).isEqualTo("120.5");
        assertThat(read.get(4).value(1)).isEqualTo("1234567.89");
        assertThat(read).extracting(TabularRow::problem).containsOnlyNulls();
    }

    @Test
    void anIdNumberInANumericCellIsAProblemOfItsRowSayingToFormatTheColumnAsText() throws IOException {
        byte[] xlsx = workbook(new String[]{"身份证号", "金额"}, (workbook, sheet) -> {
            Row numeric = sheet.createRow(1);
            // Excel keeps 15 significant digits of a typed 110105194912310029 (and the X of 11010519491231002X is
            // not a digit at all: such an ID is text or an error)
            numeric.createCell(0).setCellValue(110105194912310000.0);
            numeric.createCell(1).setCellValue(120.0);
            Row text = sheet.createRow(2);
            text.createCell(0).setCellValue("11010519491231002X");
            text.createCell(1).setCellValue(120.0);
        });
        List<TabularRow> read = TabularReader.read("ids.xlsx", xlsx, TYPED);
        assertThat(read.get(0).value(0)).as("what the cell kept").isEqualTo("110105194912310000");
        assertThat(read.get(0).problem().code()).isEqualTo(ErrorCode.ID_NOT_TEXT);
        assertThat(read.get(0).problem().message()).contains("设置为\"文本\"格式");
        assertThat(read.get(1).problem()).isNull();

        List<TabularRow> csv = TabularReader.read("saved-from-excel.csv",
                "身份证号,金额\n1.10105E+17,120\n".getBytes(StandardCharsets.UTF_8), TYPED);
        assertThat(csv.get(0).problem().code()).as("Excel's CSV of a General cell").isEqualTo(ErrorCode.ID_NOT_TEXT);
    }

    @Test
    void readsCsvAmountsWithThousandsSeparatorsAndDatesAsSpreadsheetsWriteThem() {
        String csv = "身份证号,金额,起始月份,死亡日期\n"
                + "11010519491231002X,\"1,200.00\",2024/1,2024/3/5\n"
                + "11010519491231002X,¥120.00,2024年1月,2024年3月5日\n"
                + "11010519491231002X,\"1,20.00\",2024/1/1,2024-3-5\n"
                + "11010519491231002X,120.555,2024-01,2024-03-05\n";
        List<TabularRow> read = TabularReader.read("amounts.csv", csv.getBytes(StandardCharsets.UTF_8), TYPED);
        assertThat(read.get(0).values()).containsExactly("11010519491231002X", "1200.00", "2024-01", "2024-03-05",
                null);
        assertThat(read.get(1).values()).containsExactly("11010519491231002X", "120.00", "2024-01", "2024-03-05",
                null);
        assertThat(read.get(2).value(1)).as("misplaced separators are left for the amount check to refuse")
                .isEqualTo("1,20.00");
        assertThat(read.get(2).value(2)).as("what Excel makes of a typed 2024-01").isEqualTo("2024-01");
        assertThat(read.get(3).values()).containsExactly("11010519491231002X", "120.555", "2024-01", "2024-03-05",
                null);
    }

    @Test
    void theShortestDecimalOfADoubleIsWhatWasTyped() {
        assertThat(Cells.shortest(0.1).toPlainString()).isEqualTo("0.1");
        assertThat(Cells.shortest(1200.0).toPlainString()).isEqualTo("1200");
        assertThat(Cells.shortest(99999999999.99).toPlainString()).isEqualTo("99999999999.99");
        assertThat(Cells.shortest(0.1 + 0.2).toPlainString()).isEqualTo("0.30000000000000004");
        assertThat(Cells.shortest(110105194912310029.0).toPlainString()).isEqualTo("110105194912310030");
    }

    /** A workbook whose first sheet has a header row of {@code titles} and what {@code rows} writes below it. */
    private static byte[] workbook(String[] titles, java.util.function.BiConsumer<XSSFWorkbook, Sheet> rows)
            throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("名单");
            Row header = sheet.createRow(0);
            for (int c = 0; c < titles.length; c++) {
                header.createCell(c).setCellValue(titles[c]);
            }
            rows.accept(workbook, sheet);
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private static CellStyle style(XSSFWorkbook workbook, String format) {
        CellStyle style = workbook.createCellStyle();
        style.setDataFormat(workbook.createDataFormat().getFormat(format));
        return style;
    }

    static byte[] xlsx(String[][] cells) throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("名单");
            for (int r = 0; r < cells.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < cells[r].length; c++) {
                    if (cells[r][c] != null) {
                        row.createCell(c).setCellValue(cells[r][c]);
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void aFileWithMoreRowsThanTheLimitIsRefusedAtTheFirstRowTooMany() {
        TabularReader.maxRows(2);
        try {
            assertThat(read(CHINESE_CSV.getBytes(StandardCharsets.UTF_8))).hasSize(2);
            String three = CHINESE_CSV + "650102194103150026,王五,\n";
            assertThatThrownBy(() -> read(three.getBytes(StandardCharsets.UTF_8)))
                    .hasMessageContaining("line 5").extracting(e -> ((TabularFileException) e).code())
                    .isEqualTo(ErrorCode.TOO_MANY_ROWS);
        } finally {
            TabularReader.maxRows(500_000);
        }
    }

    @Test
    void anXlsxOfTooManyPartsOrThatInflatesTooMuchIsRefusedBeforeItIsParsed() throws IOException {
        ByteArrayOutputStream parts = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(parts)) {
            for (int i = 0; i <= TabularReader.MAX_XLSX_ENTRIES; i++) {
                zip.putNextEntry(new java.util.zip.ZipEntry("junk/" + i));
                zip.write(1);
            }
        }
        assertThatThrownBy(() -> read(parts.toByteArray())).hasMessageContaining("parts")
                .extracting(e -> ((TabularFileException) e).code()).isEqualTo(ErrorCode.FILE_TOO_LARGE);
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bomb)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] zeros = new byte[1024 * 1024];
            for (long written = 0; written <= TabularReader.MAX_XLSX_INFLATED_BYTES; written += zeros.length) {
                zip.write(zeros);
            }
        }
        assertThat(bomb.size()).as("a few hundred kB on the wire").isLessThan(2 * 1024 * 1024);
        assertThatThrownBy(() -> read(bomb.toByteArray())).hasMessageContaining("inflates")
                .extracting(e -> ((TabularFileException) e).code()).isEqualTo(ErrorCode.FILE_TOO_LARGE);
    }

    @Test
    void readsAnUploadAsStreamsAndGivesTheSha256OfItsBytes() throws IOException {
        byte[] csv = CHINESE_CSV.getBytes(StandardCharsets.UTF_8);
        Opened source = new Opened(csv);
        TabularFile file = TabularReader.read("test", source, COLUMNS);
        assertThat(file.rows()).extracting(r -> r.value(1)).containsExactly("张三", "李四");
        assertThat(file.sha256()).isEqualTo(sha256(csv));
        assertThat(file.bytes()).isEqualTo(csv.length);
        assertThat(source.opened).as("a look at its first bytes, the check of its bytes, the parse").isEqualTo(3);

        byte[] xlsx = xlsx(new String[][]{{"身份证号", "姓名"}, {"11010519491231002X", "张三"}});
        TabularFile workbook = TabularReader.read("test.xlsx", new Opened(xlsx), COLUMNS);
        assertThat(workbook.rows()).hasSize(1);
        assertThat(workbook.sha256()).isEqualTo(sha256(xlsx));
    }

    @Test
    void recognisesGb18030WhenItsFirstChineseCharacterComesLateInTheFile() {
        StringBuilder text = new StringBuilder("recipient_id,name\n");
        for (int i = 0; text.length() < 300_000; i++) {
            text.append("11010519491231002X,Zhang San ").append(i).append('\n');
        }
        text.append("530102192005080119,李四\n");
        List<TabularRow> rows = read(text.toString().getBytes(Charset.forName("GB18030")));
        assertThat(rows.get(rows.size() - 1).value(1)).isEqualTo("李四");
    }

    @Test
    void aByteThatIsNeitherUtf8NorGb18030IsReportedWithItsLineBeforeAnyRowIsRead() {
        StringBuilder text = new StringBuilder("身份证号,姓名\n");
        for (int i = 2; i < 5_000; i++) {
            text.append("11010519491231002X,张三\r\n");
        }
        byte[] good = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bad = java.util.Arrays.copyOf(good, good.length + 6);
        System.arraycopy(new byte[]{'1', ',', (byte) 0x81, (byte) 0x20, 'x', '\n'}, 0, bad, good.length, 6);
        assertThatThrownBy(() -> read(bad)).hasMessageStartingWith("line 5000: the file is neither UTF-8 nor GB18030")
                .extracting(e -> ((TabularFileException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED_ENCODING);

        byte[] withBom = new byte[bad.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(bad, 0, withBom, 3, bad.length);
        assertThatThrownBy(() -> read(withBom)).hasMessageStartingWith("line 5000: the file starts with a UTF-8 BOM")
                .extracting(e -> ((TabularFileException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED_ENCODING);
    }

    @Test
    void aFileOfMoreBytesThanTheLimitIsRefusedAsFileTooLarge() throws IOException {
        byte[] csv = CHINESE_CSV.getBytes(StandardCharsets.UTF_8);
        byte[] xlsx = xlsx(new String[][]{{"身份证号", "姓名"}, {"11010519491231002X", "张三"}});
        TabularReader.maxBytes(csv.length);
        try {
            assertThat(read(csv)).hasSize(2);
            byte[] more = (CHINESE_CSV + "\n").getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> read(more)).hasMessageContaining("ledger.upload.max-bytes")
                    .extracting(e -> ((TabularFileException) e).code()).isEqualTo(ErrorCode.FILE_TOO_LARGE);
            assertThatThrownBy(() -> read(xlsx)).hasMessageContaining("larger than " + csv.length + " bytes")
                    .extracting(e -> ((TabularFileException) e).code()).isEqualTo(ErrorCode.FILE_TOO_LARGE);
        } finally {
            TabularReader.maxBytes(200L * 1024 * 1024);
        }
    }

    /** An upload that counts how often it is opened, as a multipart file may be. */
    private static final class Opened implements org.springframework.core.io.InputStreamSource {
        private final byte[] bytes;
        private int opened;

        Opened(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public java.io.InputStream getInputStream() {
            opened++;
            return new java.io.ByteArrayInputStream(bytes);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<TabularRow> read(byte[] bytes) {
        return TabularReader.read("test", bytes, COLUMNS);
    }
}
