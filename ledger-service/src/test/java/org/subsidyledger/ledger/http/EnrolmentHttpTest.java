package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class EnrolmentHttpTest extends HttpTestBase {

    private static final String GOOD_ID = "11010519491231002X";
    private static final String BAD_ID = "530102192005080119";

    @Test
    void enrolsFromAGb18030CsvWithChineseHeaders() {
        String code = newProgram("GB");
        String csv = "身份证号,姓名,行政区划,月标准\n"
                + syntheticId(1) + ",张三,650102,\n"
                + syntheticId(2) + ",李四,650103,110.00\n";
        Answer answer = postFile("clerk", enrolments(code) + "?effectiveFrom=2023-01", "名单.csv",
                csv.getBytes(Charset.forName("GB18030")), null).expect(201);
        assertThat(answer.json().get("enrolled").asInt()).isEqualTo(2);
        assertThat(answer.json().get("rejected")).isEmpty();

        eventually(() -> get("auditor", "/api/v1/recipients/" + syntheticId(2)).status() == 200
                && get("auditor", "/api/v1/recipients/" + syntheticId(2)).json().get("enrolments").size() > 0);
        JsonNode recipient = get("auditor", "/api/v1/recipients/" + syntheticId(2)).json();
        JsonNode enrolment = null;
        for (JsonNode e : recipient.get("enrolments")) {
            if (e.get("program").asText().equals(code)) {
                enrolment = e;
            }
        }
        assertThat(enrolment).isNotNull();
        assertThat(enrolment.get("monthlyStandard").asText()).isEqualTo("110.00");
        assertThat(enrolment.get("effectiveFrom").asText()).isEqualTo("2023-01");
        assertThat(enrolment.get("source").asText()).isEqualTo("名单.csv");
        assertThat(enrolment.get("sourceLine").asInt()).isEqualTo(3);
        assertThat(enrolment.get("enrolledBy").asText()).isEqualTo("clerk");
        eventually(() -> get("auditor", "/api/v1/programs/" + code).json().path("enrolled").asLong() == 2);
    }

    @Test
    void enrolsFromAnXlsxWithEnglishHeadersAndPerRowMonths() throws IOException {
        String code = newProgram("XLSX");
        byte[] xlsx = xlsx(new String[][]{
                {"recipient_id", "name", "region", "monthly_standard", "effective_from"},
                {syntheticId(11), "王五", "650104", "", "2023-03"},
                {syntheticId(12), "赵六", "650104", "119.50", "2023-04"}});
        Answer answer = postFile("clerk", enrolments(code), "list.xlsx", xlsx, null).expect(201);
        assertThat(answer.json().get("enrolled").asInt()).isEqualTo(2);
        assertThat(jdbc.queryForObject("""
                SELECT monthly_standard_fen FROM enrolment_index WHERE program_code = ? AND recipient_id = ?""",
                Long.class, code, syntheticId(12))).isEqualTo(11_950L);
    }

    @Test
    void refusesAWholeListWithBadRowsListingEveryOneAndRecordsNothing() {
        String code = newProgram("BAD");
        long events = eventCount();
        String csv = "身份证号,姓名,行政区划,月标准,起始月份\n"
                + syntheticId(21) + ",好人,650102,,2023-01\n"
                + BAD_ID + ",坏号,650102,,2023-01\n"
                + syntheticId(22) + ",,650102,,2023-01\n"
                + syntheticId(23) + ",金额,650102,120.005,2023-01\n"
                + syntheticId(24) + ",地区,6501,,2023-01\n"
                + syntheticId(25) + ",月份,650102,,2023-13\n"
                + syntheticId(21) + ",重复,650102,,2023-01\n";
        Answer answer = postFile("clerk", enrolments(code), "bad.csv", csv.getBytes(StandardCharsets.UTF_8), null)
                .expectProblem(422, "INVALID_ROWS");

        JsonNode errors = answer.json().get("errors");
        assertThat(errors).hasSize(6);
        assertThat(errors.findValuesAsText("line")).containsExactly("3", "4", "5", "6", "7", "8");
        assertThat(errors.findValuesAsText("code")).containsExactly("INVALID_RECIPIENT_ID", "INVALID_NAME",
                "INVALID_AMOUNT", "INVALID_REGION", "INVALID_MONTH", "DUPLICATE_IN_FILE");
        assertThat(errors.get(0).get("id").asText()).isEqualTo(BAD_ID);
        assertThat(eventCount()).isEqualTo(events);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM enrolment_index WHERE program_code = ?", Long.class, code))
                .isZero();
    }

    @Test
    void recordsTheGoodRowsOnlyWhenAskedAndListsTheOthers() {
        String code = newProgram("PART");
        String body = """
                {"effectiveFrom":"2023-01","recipients":[
                  {"id":"%s","name":"张三","region":"650102"},
                  {"id":"%s","name":"李四","region":"650102"}]}""".formatted(syntheticId(31), BAD_ID);
        Answer answer = post("clerk", enrolments(code) + "?recordValidRows=true", body).expect(201);
        assertThat(answer.json().get("enrolled").asInt()).isEqualTo(1);
        assertThat(answer.json().get("rejected").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(answer.json().get("rejected").get(0).get("code").asText()).isEqualTo("INVALID_RECIPIENT_ID");
    }

    @Test
    void refusesARecipientAlreadyEnrolledInTheProgram() {
        String code = newProgram("AGAIN");
        String body = """
                {"effectiveFrom":"2023-01","recipients":[{"id":"%s","name":"张三","region":"650102"}]}"""
                .formatted(GOOD_ID.toLowerCase());
        post("clerk", enrolments(code), body).expect(201);
        Answer again = post("clerk", enrolments(code), body).expectProblem(422, "INVALID_ROWS");
        assertThat(again.json().get("errors").get(0).get("code").asText()).isEqualTo("ALREADY_ENROLLED");
    }

    @Test
    void recordsTheSameFilePostedTwiceWithOneKeyOnce() {
        String code = newProgram("ONCE");
        byte[] csv = ("身份证号,姓名,行政区划\n" + syntheticId(41) + ",张三,650102\n").getBytes(StandardCharsets.UTF_8);
        Answer first = postFile("clerk", enrolments(code) + "?effectiveFrom=2023-01", "a.csv", csv, "file-1")
                .expect(201);
        long events = eventCount();
        Answer second = postFile("clerk", enrolments(code) + "?effectiveFrom=2023-01", "a.csv", csv, "file-1")
                .expect(201);
        assertThat(second.text()).isEqualTo(first.text());
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void refusesFilesThatCannotBeRead() {
        String code = newProgram("FILES");
        postFile("clerk", enrolments(code) + "?effectiveFrom=2023-01", "q.csv",
                ("身份证号,姓名,行政区划\n" + syntheticId(51) + ",\"张三,650102\n").getBytes(StandardCharsets.UTF_8), null)
                .expectProblem(422, "MALFORMED_FILE");
        postFile("clerk", enrolments(code) + "?effectiveFrom=2023-01", "m.csv",
                ("身份证号,姓名\n" + syntheticId(51) + ",张三\n").getBytes(StandardCharsets.UTF_8), null)
                .expectProblem(422, "MISSING_COLUMN");
        postFile("clerk", enrolments(code) + "?effectiveFrom=2023-01", "u.csv",
                ("\uFEFF身份证号,姓名,行政区划\n").getBytes(StandardCharsets.UTF_16LE), null)
                .expectProblem(422, "UNSUPPORTED_ENCODING");
        postFile("clerk", enrolments(code) + "?effectiveFrom=2023-01", "e.csv", new byte[0], null)
                .expectProblem(422, "EMPTY_FILE");
    }

    @Test
    void refusesRowsWithoutAMonthWhenNoDefaultIsGiven() {
        String code = newProgram("MONTH");
        Answer answer = postFile("clerk", enrolments(code), "n.csv",
                ("身份证号,姓名,行政区划\n" + syntheticId(61) + ",张三,650102\n").getBytes(StandardCharsets.UTF_8), null)
                .expectProblem(422, "INVALID_ROWS");
        assertThat(answer.json().get("errors").get(0).get("code").asText()).isEqualTo("MISSING_VALUE");
    }

    @Test
    void refusesEnrolmentInAnUnknownProgramWith404() {
        post("clerk", enrolments("NO-SUCH"), """
                {"effectiveFrom":"2023-01","recipients":[{"id":"%s","name":"张三","region":"650102"}]}"""
                .formatted(GOOD_ID)).expectProblem(404, "UNKNOWN_PROGRAM");
    }

    @Test
    void refusesAnEmptyJsonList() {
        String code = newProgram("EMPTY");
        post("clerk", enrolments(code), "{\"effectiveFrom\":\"2023-01\",\"recipients\":[]}")
                .expectProblem(422, "MISSING_VALUE");
    }

    @Test
    void listsAProgramsEnrolmentsPaged() {
        String code = newProgram("PAGE");
        StringBuilder csv = new StringBuilder("身份证号,姓名,行政区划\n");
        for (int i = 0; i < 25; i++) {
            csv.append(syntheticId(100 + i)).append(",人").append(i).append(",650102\n");
        }
        postFile("clerk", enrolments(code) + "?effectiveFrom=2023-01", "p.csv",
                csv.toString().getBytes(StandardCharsets.UTF_8), null).expect(201);
        eventually(() -> get("auditor", enrolments(code) + "?size=10&page=2").json().path("total").asLong() == 25);
        JsonNode page = get("auditor", enrolments(code) + "?size=10&page=2").json();
        assertThat(page.get("items")).hasSize(5);
        assertThat(page.get("page").asInt()).isEqualTo(2);
    }

    private static String enrolments(String code) {
        return "/api/v1/programs/" + code + "/enrolments";
    }

    private static byte[] xlsx(String[][] cells) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("名单");
            for (int r = 0; r < cells.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < cells[r].length; c++) {
                    if (!cells[r][c].isEmpty()) {
                        row.createCell(c).setCellValue(cells[r][c]);
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }
}
