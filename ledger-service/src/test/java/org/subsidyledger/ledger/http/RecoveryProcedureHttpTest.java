package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.subsidyledger.contract.value.BusinessDates;

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
                    "240.00", "停发期间", "60日内", "30日", "2023年4月20日", "本案2023年2月至2023年3月不应发放。");
            assertThat(text).as("the rule in Chinese, not the case's English rule description")
                    .doesNotContain("suspended", "notdue");
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

        // The procedure's filters select as the ledger's do: the case's notice was delivered, so none waits for one.
        String next = get("inspector", "/api/v1/overpayments/" + caseId).json().path("overpayment").path("nextStep")
                .asText();
        assertThat(next).isIn("DEDUCT", "AWAIT_REPAYMENT");
        post("inspector", "/api/v1/overpayments/notices?program=" + code + "&nextStep=NOTICE", "{}")
                .expectProblem(400, "INVALID_QUERY");
        post("inspector", "/api/v1/overpayments/notices?program=" + code + "&noticeDelivered=false", "{}")
                .expectProblem(400, "INVALID_QUERY");
        assertThat(getZip("inspector", "/api/v1/overpayments/notices?program=" + code + "&nextStep=" + next
                + "&noticeDelivered=true&appealOpen=false")).isNotEmpty();
        post("inspector", "/api/v1/overpayments/notices?program=" + code + "&nextStep=SOMEDAY", "{}")
                .expectProblem(400, "INVALID_QUERY");
    }

    @Test
    void anAppealHoldsTheDeduction_andOnceRejectedTheNextDisbursementDeducts() {
        String code = newProgram("APL");
        String person = syntheticId(6410);
        String caseId = suspensionCase(code, 6410, 6411);                            // February, March: 240.00
        String noticeId = noticeDelivered(caseId, "2023-04-20", "2023-04-25");  // deductions from 2023-05-25
        post("inspector", "/api/v1/overpayments/" + caseId + "/contacts",
                "{\"on\":\"2023-05-02\",\"method\":\"PHONE\",\"outcome\":\"家属称将提出申诉\"}").expect(201);
        post("inspector", "/api/v1/overpayments/" + caseId + "/deduction", "{\"share\":\"0.25\"}").expect(200);
        assertThat(payMonth(code, 5, List.of(person, syntheticId(6411))).json().get("deductedLines").asInt())
                .as("2023-05-20: within the wait").isZero();
        String appealId = post("inspector", "/api/v1/overpayments/" + caseId + "/appeals",
                "{\"filedOn\":\"2023-05-30\",\"reason\":\"服刑期间待遇已由监所代为退回\"}").expect(201).json()
                .get("appealId").asText();

        // open appeal: the June payment (disbursed 2023-06-20, after the wait) gives up nothing
        Answer june = payMonth(code, 6, List.of(person, syntheticId(6411)));
        assertThat(june.json().get("deductedLines").asInt()).as("held by the open appeal").isZero();
        post("finance", "/api/v1/overpayments/" + caseId + "/write-offs",
                "{\"amount\":\"10.00\",\"reason\":\"减免\",\"reasonCode\":\"WAIVER\"}")
                .expectProblem(409, "APPEAL_OPEN");
        eventually(() -> item(code, caseId).path("appealOpen").asBoolean());
        JsonNode open = item(code, caseId);
        assertThat(open.get("nextStep").asText()).isEqualTo("APPEAL_DECISION");
        assertThat(open.get("nextStepLabel").asText()).isEqualTo("待申诉决定");
        assertThat(open.get("outstanding").asText()).isEqualTo("240.00");
        assertThat(ids(ledger("program=" + code + "&appealOpen=true"))).containsExactly(caseId);
        assertThat(ids(ledger("program=" + code + "&appealOpen=false"))).isEmpty();
        assertThat(ids(ledger("program=" + code + "&nextStep=APPEAL_DECISION"))).containsExactly(caseId);

        String decision = "/api/v1/overpayments/" + caseId + "/appeals/" + appealId + "/decision";
        post("inspector", decision, "{\"decision\":\"REJECTED\",\"comment\":\"证据不足\"}")
                .expectProblem(403, "SEGREGATION_OF_DUTIES");
        post("inspector-650102", decision, "{\"decision\":\"REJECTED\",\"comment\":\"证据不足\"}").expect(200);

        // rejected: the July payment (2023-07-20) gives up the cap, 0.25 × 120.00 = 30.00
        Answer july = payMonth(code, 7, List.of(person, syntheticId(6411)));
        assertThat(july.json().get("deductedLines").asInt()).isEqualTo(1);
        assertThat(july.json().get("deducted").asText()).isEqualTo("30.00");
        eventually(() -> "210.00".equals(item(code, caseId).path("outstanding").asText()));
        JsonNode after = item(code, caseId);
        assertThat(after.get("appealOpen").asBoolean()).isFalse();
        assertThat(after.get("status").asText()).isEqualTo("PARTIAL");
        assertThat(after.get("nextStep").asText()).as("delivered, the wait over, no plan").isEqualTo("DEDUCT");
        assertThat(ids(ledger("program=" + code + "&appealOpen=true"))).isEmpty();

        // the case history shows the procedure, who recorded each step and when
        JsonNode history = get("inspector", "/api/v1/overpayments/" + caseId).expect(200).json().get("history");
        List<String> steps = new java.util.ArrayList<>();
        history.forEach(h -> {
            steps.add(h.get("change").asText() + " " + h.get("recordedBy").asText());
            assertThat(h.get("recordedAt").asText()).isNotBlank();
        });
        assertThat(steps).containsExactly("IDENTIFIED inspector", "NOTICE_GENERATED inspector",
                "NOTICE_DELIVERED inspector", "CONTACT_RECORDED inspector", "DEDUCTION_ARRANGED inspector",
                "APPEAL_FILED inspector", "APPEAL_DECIDED inspector-650102", "REPAID finance");
        assertThat(history.get(1).get("detail").asText()).startsWith(noticeId + ": dated 2023-04-20");
        assertThat(history.get(2).get("detail").asText()).contains("IN_PERSON on 2023-04-25",
                "deductions from 2023-05-25", "appeal until 2023-06-24");
        assertThat(history.get(3).get("detail").asText()).contains("PHONE on 2023-05-02", "家属称将提出申诉");
        assertThat(history.get(5).get("detail").asText()).contains(appealId, "filed on 2023-05-30",
                "服刑期间待遇已由监所代为退回");
        assertThat(history.get(6).get("detail").asText()).contains(appealId, "REJECTED", "证据不足");
        assertThat(history.get(7).get("amount").asText()).isEqualTo("30.00");
    }

    @Test
    void anInstalmentPlanOneMonthBehindShowsInTheLedger() {
        String code = newProgram("INS");
        String caseId = suspensionCase(code, 6420, 6421);                            // 240.00
        noticeDelivered(caseId, "2023-04-20", "2023-04-25");
        // a plan of 50.00 a month from three months before this one: three instalments have fallen due today
        LocalDate today = BusinessDates.today();
        YearMonth first = YearMonth.from(today).minusMonths(3);
        post("inspector", "/api/v1/overpayments/" + caseId + "/instalments",
                "{\"amountPerMonth\":\"50.00\",\"firstMonth\":\"" + first + "\"}").expect(201);
        String repayments = "/api/v1/overpayments/" + caseId + "/repayments";
        post("finance", repayments, "{\"amount\":\"50.00\",\"receivedOn\":\"" + first.atDay(28)
                + "\",\"method\":\"FAMILY_REFUND\",\"reference\":\"收据-I1\"}").expect(201);
        post("finance", repayments, "{\"amount\":\"60.00\",\"receivedOn\":\"" + first.plusMonths(1).atDay(28)
                + "\",\"method\":\"FAMILY_REFUND\",\"reference\":\"收据-I2\"}").expect(201);

        // due = min(240.00, 3 × 50.00) = 150.00; paid = 110.00 − 0.00 = 110.00; overdue = ⌈40.00 / 50.00⌉ = 1
        eventually(() -> "130.00".equals(item(code, caseId).path("outstanding").asText()));
        JsonNode behind = item(code, caseId);
        assertThat(behind.get("instalmentsOverdue").asInt()).isEqualTo(1);
        assertThat(behind.get("nextStep").asText()).isEqualTo("INSTALMENT_OVERDUE");
        assertThat(behind.get("nextStepLabel").asText()).isEqualTo("分期逾期催缴");
        assertThat(ids(ledger("program=" + code + "&instalmentsOverdue=true"))).containsExactly(caseId);
        assertThat(ids(ledger("program=" + code + "&instalmentsOverdue=false"))).isEmpty();
        assertThat(ids(ledger("program=" + code + "&nextStep=INSTALMENT_OVERDUE"))).containsExactly(caseId);
        JsonNode plan = get("inspector", "/api/v1/overpayments/" + caseId).json().path("procedure")
                .path("instalments");
        assertThat(plan.get("amountPerMonth").asText()).isEqualTo("50.00");
        assertThat(plan.get("firstMonth").asText()).isEqualTo(first.toString());
        assertThat(plan.get("total").asText()).isEqualTo("240.00");
        assertThat(plan.get("due").asText()).isEqualTo("150.00");
        assertThat(plan.get("paid").asText()).isEqualTo("110.00");
        assertThat(plan.get("overdue").asInt()).isEqualTo(1);

        // 40.00 more: paid 150.00 = due, back on schedule and still owing 90.00 — waiting for the next instalment
        post("finance", repayments, "{\"amount\":\"40.00\",\"receivedOn\":\"" + today
                + "\",\"method\":\"FAMILY_REFUND\",\"reference\":\"收据-I3\"}").expect(201);
        eventually(() -> "90.00".equals(item(code, caseId).path("outstanding").asText()));
        assertThat(item(code, caseId).get("instalmentsOverdue").asInt()).isZero();
        assertThat(item(code, caseId).get("nextStep").asText()).isEqualTo("AWAIT_REPAYMENT");
        assertThat(ids(ledger("program=" + code + "&instalmentsOverdue=true"))).isEmpty();
    }

    @Test
    void aWaiverIsProposedByOnePersonAndApprovedByAnother() {
        String code = newProgram("WAV");
        String caseId = suspensionCase(code, 6430, 6431);                            // 240.00
        String writeOffId = post("finance", "/api/v1/overpayments/" + caseId + "/write-offs",
                "{\"amount\":\"240.00\",\"reason\":\"低保家庭，无力退回\",\"reasonCode\":\"WAIVER\"}")
                .expect(201).json().get("writeOffId").asText();
        String approval = "/api/v1/overpayments/" + caseId + "/write-offs/" + writeOffId + "/approval";
        post("finance", approval, "{\"decision\":\"APPROVE\"}").expectProblem(403, "SEGREGATION_OF_DUTIES");
        assertThat(post("admin", approval, "{\"decision\":\"APPROVE\",\"comment\":\"同意减免\"}").expect(200)
                .json().get("status").asText()).isEqualTo("WRITTEN_OFF");

        eventually(() -> "WRITTEN_OFF".equals(item(code, caseId).path("status").asText()));
        JsonNode waived = item(code, caseId);
        assertThat(waived.get("writtenOff").asText()).isEqualTo("240.00");
        assertThat(waived.get("recovered").asText()).isEqualTo("0.00");
        assertThat(waived.get("outstanding").asText()).isEqualTo("0.00");
        assertThat(waived.get("nextStep").asText()).isEqualTo("CLOSED");
        List<String> steps = new java.util.ArrayList<>();
        get("auditor", "/api/v1/overpayments/" + caseId).json().get("history").forEach(h -> steps.add(
                h.get("change").asText() + " " + h.get("recordedBy").asText() + " " + h.get("amount").asText()
                        + " " + h.get("detail").asText()));
        assertThat(steps).hasSize(3);
        assertThat(steps.get(0)).startsWith("IDENTIFIED inspector 240.00 ");
        assertThat(steps.subList(1, 3)).containsExactly(
                "WRITE_OFF_PROPOSED finance 240.00 " + writeOffId + ": 减免 WAIVER: 低保家庭，无力退回",
                "WRITE_OFF_APPROVED admin 240.00 " + writeOffId + ": 同意减免");
    }

    /**
     * Four cases of 240.00 identified today: A without a notice, B with one not delivered, C delivered on
     * 2023-04-25 (the wait long over), D delivered today (within the 30 days). Aging counts from the delivery.
     */
    @Test
    void theLedgerShowsTheProcedure_filtersByIt_andAgesFromDelivery() throws Exception {
        String code = newProgram("LGR");
        enrol(code, "2023-01", 6440, 6441, 6442, 6443);
        List<String> people = List.of(syntheticId(6440), syntheticId(6441), syntheticId(6442), syntheticId(6443));
        for (int month = 1; month <= 4; month++) {
            payMonth(code, month, people);
        }
        List<String> cases = new java.util.ArrayList<>();
        for (String person : people) {
            cases.add(post("inspector", "/api/v1/recipients/" + person + "/suspensions",
                    "{\"kind\":\"IMPRISONMENT\",\"from\":\"2023-01-05\",\"to\":\"2023-03-10\",\"source\":\"司法\"}")
                    .expect(201).json().get("overpayments").get(0).get("caseId").asText());
        }
        String a = cases.get(0);
        String b = cases.get(1);
        String c = cases.get(2);
        String d = cases.get(3);
        recordedOn("2023-04-20", () -> post("inspector", "/api/v1/overpayments/" + b + "/notices", "{}").expect(201));
        noticeDelivered(c, "2023-04-20", "2023-04-25");
        LocalDate today = BusinessDates.today();
        String noticeD = post("inspector", "/api/v1/overpayments/" + d + "/notices", "{}").expect(201).json()
                .get("noticeId").asText();
        post("inspector", "/api/v1/overpayments/" + d + "/notices/" + noticeD + "/delivery",
                "{\"deliveredOn\":\"" + today + "\",\"method\":\"POST\"}").expect(200);

        eventually(() -> item(code, d).path("noticeDeliveredOn").asText().equals(today.toString())
                && item(code, c).path("noticeDeliveredOn").asText().equals("2023-04-25")
                && item(code, b).path("nextStep").asText().equals("DELIVER")
                && item(code, a).path("nextStep").asText().equals("NOTICE"));
        // by hand: C was delivered on 2023-04-25, so its age is the days from then to today — not from today,
        // the day it was identified; D's is 0 and its deductions may start in 30 days
        long sinceC = ChronoUnit.DAYS.between(LocalDate.parse("2023-04-25"), today);
        JsonNode itemA = item(code, a);
        assertThat(itemA.get("noticeDeliveredOn").isNull()).isTrue();
        assertThat(itemA.get("daysSinceDelivery").isNull()).isTrue();
        assertThat(itemA.get("ageDays").asLong()).isZero();
        assertThat(itemA.get("nextStep").asText()).isEqualTo("NOTICE");
        assertThat(itemA.get("nextStepLabel").asText()).isEqualTo("待出具通知书");
        assertThat(itemA.get("appealOpen").asBoolean()).isFalse();
        assertThat(itemA.get("instalmentsOverdue").asInt()).isZero();
        assertThat(item(code, b).get("nextStep").asText()).isEqualTo("DELIVER");
        assertThat(item(code, b).get("ageDays").asLong()).isZero();
        JsonNode itemC = item(code, c);
        assertThat(itemC.get("noticeDeliveredOn").asText()).isEqualTo("2023-04-25");
        assertThat(itemC.get("daysSinceDelivery").asLong()).isEqualTo(sinceC);
        assertThat(itemC.get("ageDays").asLong()).isEqualTo(sinceC);
        assertThat(itemC.get("identifiedOn").asText()).isEqualTo(today.toString());
        assertThat(itemC.get("nextStep").asText()).isEqualTo("DEDUCT");
        JsonNode itemD = item(code, d);
        assertThat(itemD.get("daysSinceDelivery").asLong()).isZero();
        assertThat(itemD.get("nextStep").asText()).as("within the 30 days").isEqualTo("AWAIT_REPAYMENT");
        JsonNode procedureD = get("inspector", "/api/v1/overpayments/" + d).json().get("procedure");
        assertThat(procedureD.get("notices").asInt()).isEqualTo(1);
        assertThat(procedureD.get("deliveryMethod").asText()).isEqualTo("POST");
        assertThat(procedureD.get("deductionsFrom").asText()).isEqualTo(today.plusDays(30).toString());
        assertThat(procedureD.get("appealDeadline").asText()).isEqualTo(today.plusDays(60).toString());
        assertThat(procedureD.get("instalments").isNull()).isTrue();

        // oldest first by the day the aging counts from: C (2023-04-25), then the three of today in the order
        // they were recorded
        assertThat(ids(ledger("program=" + code))).containsExactly(c, a, b, d);
        assertThat(ids(ledger("program=" + code + "&noticeDelivered=true"))).containsExactly(c, d);
        assertThat(ids(ledger("program=" + code + "&noticeDelivered=false"))).containsExactly(a, b);
        assertThat(ids(ledger("program=" + code + "&nextStep=notice"))).containsExactly(a);
        assertThat(ids(ledger("program=" + code + "&nextStep=DEDUCT"))).containsExactly(c);
        assertThat(ids(ledger("program=" + code + "&aging=12%2B"))).as("delivered over a year ago").containsExactly(c);
        assertThat(ids(ledger("program=" + code + "&aging=0-3"))).containsExactly(a, b, d);
        JsonNode delivered = ledger("program=" + code + "&noticeDelivered=true").get("totals");
        assertThat(delivered.get("cases").asInt()).isEqualTo(2);
        assertThat(delivered.get("outstanding").asText()).isEqualTo("480.00");                 // 2 × 240.00
        get("inspector", "/api/v1/overpayments?appealOpen=maybe").expectProblem(400, "INVALID_QUERY");
        get("inspector", "/api/v1/overpayments?nextStep=PRAY").expectProblem(400, "INVALID_QUERY");

        JsonNode aging = get("inspector", "/api/v1/overpayments/summary?by=aging&program=" + code).json();
        assertThat(aging.toString()).contains("{\"key\":\"0-3\",\"cases\":3,\"amount\":\"720.00\"")
                .contains("{\"key\":\"12+\",\"cases\":1,\"amount\":\"240.00\"");
        JsonNode steps = get("inspector", "/api/v1/overpayments/summary?by=nextStep&program=" + code).json();
        List<String> keys = new java.util.ArrayList<>();
        steps.forEach(g -> keys.add(g.get("key").asText() + " " + g.get("cases").asInt()));
        assertThat(keys).containsExactly("AWAIT_REPAYMENT 1", "DEDUCT 1", "DELIVER 1", "NOTICE 1");

        String[] rows = get("auditor", "/api/v1/overpayments/export?format=csv&program=" + code).expect(200).text()
                .replace("\uFEFF", "").split("\r\n");
        assertThat(rows[0]).endsWith(",认定日期,账龄(天),通知书送达日期,送达后天数,下一步,申诉中,逾期分期(期)");
        assertThat(rows).hasSize(5);
        assertThat(rows[1]).startsWith(c + ",").endsWith("," + today + "," + sinceC + ",2023-04-25," + sinceC
                + ",DEDUCT,false,0");
        assertThat(rows[2]).startsWith(a + ",").endsWith("," + today + ",0,,,NOTICE,false,0");
        var xlsx = getBytes("auditor", "/api/v1/overpayments/export?format=xlsx&program=" + code + "&nextStep=DEDUCT");
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(
                xlsx.body()))) {
            var sheet = workbook.getSheet("追回台账");
            assertThat(sheet.getLastRowNum()).isEqualTo(1);
            assertThat(sheet.getRow(0).getCell(18).getStringCellValue()).isEqualTo("下一步");
            var row = sheet.getRow(1);
            assertThat(row.getCell(15).getNumericCellValue()).as("账龄(天)").isEqualTo((double) sinceC);
            assertThat(row.getCell(16).getStringCellValue()).isEqualTo("2023-04-25");
            assertThat(row.getCell(18).getStringCellValue()).isEqualTo("抵扣或追缴");
            assertThat(row.getCell(19).getStringCellValue()).isEqualTo("否");
        }
    }

    private JsonNode ledger(String query) {
        return get("inspector", "/api/v1/overpayments?" + query).expect(200).json();
    }

    private JsonNode item(String code, String caseId) {
        for (JsonNode item : ledger("program=" + code + "&size=1000").get("items")) {
            if (item.get("id").asText().equals(caseId)) {
                return item;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static List<String> ids(JsonNode ledger) {
        List<String> ids = new java.util.ArrayList<>();
        ledger.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
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
