package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * Rule 14 end to end, over HTTP against the running service on PostgreSQL: a recovery notice generated (and
 * access-logged), printed as a PDF in Chinese with its font embedded, delivered; a deduction refused before delivery
 * plus 30 days and taken after.
 */
class RecoveryProcedureHttpTest extends HttpTestBase {

    @Test
    void aNoticeIsGeneratedAndDelivered_andADeductionWaitsThirtyDaysFromDelivery() throws Exception {
        String code = newProgram("NOT");
        enrol(code, "2023-01", 6300, 6301);
        String person = syntheticId(6300);
        for (int month = 1; month <= 4; month++) {
            payMonth(code, month, List.of(person, syntheticId(6301)));
        }
        String caseId = post("inspector", "/api/v1/recipients/" + person + "/suspensions",
                "{\"kind\":\"IMPRISONMENT\",\"from\":\"2023-01-05\",\"to\":\"2023-03-10\",\"source\":\"司法\"}")
                .expect(201).json().get("overpayments").get(0).get("caseId").asText();   // February, March: 240.00
        String notices = "/api/v1/overpayments/" + caseId + "/notices";

        post("evaluator", notices, "{}").expect(403);
        post("auditor", notices, "{}").expect(403);
        String noticeId = recordedOn("2023-04-20", () -> post("inspector", notices, "{}").expect(201)).json()
                .get("noticeId").asText();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM access_log WHERE case_id = ? AND user_name = "
                + "'inspector' AND path LIKE '%/notices'", Long.class, caseId)).isEqualTo(1);

        var pdf = getBytes("inspector", notices + "/" + noticeId);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        Path file = Path.of("target", "notice-" + caseId + ".pdf");
        Files.write(file, pdf.body());
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
            assertThat(text).contains("追回多领待遇通知书", "受益人6300", person, "2023年2月", "2023年3月",
                    "240.00", "停发期间", "60日内", "30日", "2023年4月20日");
            for (var name : document.getPage(0).getResources().getFontNames()) {
                PDFont font = document.getPage(0).getResources().getFont(name);
                assertThat(font.isEmbedded()).as("font %s is embedded", font.getName()).isTrue();
            }
            javax.imageio.ImageIO.write(new PDFRenderer(document).renderImageWithDPI(0, 80), "png",
                    Path.of("target", "notice-" + caseId + ".png").toFile());
        }
        assertThat(get("evaluator", notices + "/" + noticeId).status()).isEqualTo(403);

        post("inspector", notices + "/" + noticeId + "/delivery", "{\"deliveredOn\":\"2023-04-25\",\"method\":\"carrier pigeon\"}")
                .expectProblem(422, "INVALID_DELIVERY_METHOD");
        var delivered = post("inspector", notices + "/" + noticeId + "/delivery",
                "{\"deliveredOn\":\"2023-04-25\",\"method\":\"IN_PERSON\"}").expect(200).json();
        assertThat(delivered.get("deductionsFrom").asText()).isEqualTo("2023-05-25");
        assertThat(delivered.get("appealDeadline").asText()).isEqualTo("2023-06-24");
        post("inspector", notices + "/" + noticeId + "/delivery",
                "{\"deliveredOn\":\"2023-04-26\",\"method\":\"POST\"}").expectProblem(409, "NOTICE_ALREADY_DELIVERED");

        post("inspector", "/api/v1/overpayments/" + caseId + "/deduction", "{\"share\":\"0.25\"}").expect(200);
        post("finance", "/api/v1/overpayments/" + caseId + "/repayments",
                "{\"amount\":\"30.00\",\"receivedOn\":\"2023-05-10\",\"method\":\"DEDUCTION\",\"reference\":\"扣款-1\"}")
                .expectProblem(409, "DEDUCTION_TOO_EARLY");
        Answer may = payMonth(code, 5, List.of(person, syntheticId(6301)));       // disbursed 2023-05-20
        assertThat(may.json().get("deductedLines").asInt()).as("before delivery + 30 days").isZero();
        Answer june = payMonth(code, 6, List.of(person, syntheticId(6301)));      // disbursed 2023-06-20
        assertThat(june.json().get("deductedLines").asInt()).isEqualTo(1);
        assertThat(june.json().get("deducted").asText()).isEqualTo("30.00");
        eventually(() -> "210.00".equals(get("inspector", "/api/v1/overpayments/" + caseId).json()
                .path("overpayment").path("outstanding").asText()));
        assertThat(get("inspector", "/api/v1/overpayments/" + caseId).json().path("overpayment").path("status")
                .asText()).isEqualTo("PARTIAL");

        // Notices for a selection of the ledger: a ZIP with one PDF per open case of the program.
        post("evaluator", "/api/v1/overpayments/notices?program=" + code, "{}").expect(403);
        var bytes = getZip("inspector", "/api/v1/overpayments/notices?program=" + code);
        List<String> entries = new java.util.ArrayList<>();
        try (var files = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(bytes))) {
            for (var entry = files.getNextEntry(); entry != null; entry = files.getNextEntry()) {
                entries.add(entry.getName());
                try (PDDocument document = Loader.loadPDF(files.readAllBytes())) {
                    assertThat(new PDFTextStripper().getText(document).replaceAll("\\s+", ""))
                            .contains(person, "210.00");
                }
            }
        }
        assertThat(entries).containsExactly(caseId + ".pdf");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM access_log WHERE case_id = ? AND path LIKE "
                + "'/api/v1/overpayments/notices%'", Long.class, caseId)).isEqualTo(1);
    }

    private byte[] getZip(String user, String path) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(request(user, path)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/zip");
        return response.body();
    }
}
