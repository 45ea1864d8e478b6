package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console keeps SPEC §8 as the API does, checked over HTTP with a signed-in session: what lies outside a user's
 * region answers the same 404 (as a Chinese page), a district's user may not close a city program's month, a console
 * view of a person's page is in the access log, and an evaluator's batch page shows ID numbers and names masked.
 */
class ConsoleAccessHttpTest extends HttpTestBase {

    @Test
    void aUserOfAnotherRegionMeetsTheApisNotFoundAsAChinesePage() {
        String code = newProgram("CSCOPE");
        enrol(code, "2023-01", 9301);
        String batch = post("clerk", batches(code, "2023-01"), lines(line(syntheticId(9301), "120.00")), null)
                .expect(201).json().get("batchId").asText();
        eventually(() -> get("clerk", "/api/v1/batches/" + batch).status() == 200);
        Page page = session("other-clerk").get("/console/batches/" + batch);
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("未能办理").contains("UNKNOWN_BATCH").doesNotContain(syntheticId(9301));
        assertThat(session("other-clerk").get("/console/recipients/" + syntheticId(9301)).status()).isEqualTo(404);
        assertThat(session("clerk").get("/console/batches/" + batch).status()).isEqualTo(200);
    }

    @Test
    void aDistrictsFinanceMayNotCloseTheCityProgramsMonthFromTheConsole() {
        String code = newProgram("CCLOSE");
        Session finance = session("finance-650102");
        Page page = finance.post("/console/programs/" + code + "/months/close", "month=2023-01");
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).contains("FORBIDDEN");
    }

    @Test
    void aConsoleViewOfARecipientIsInTheAccessLogAndAnEvaluatorSeesThemMasked() {
        String code = newProgram("CLOG");
        enrol(code, "2023-01", 9302);
        String id = syntheticId(9302);
        String batch = post("clerk", batches(code, "2023-01"), lines(line(id, "120.00")), null).expect(201).json()
                .get("batchId").asText();
        eventually(() -> get("clerk", "/api/v1/recipients/" + id).status() == 200
                && get("clerk", "/api/v1/batches/" + batch).status() == 200);

        assertThat(session("inspector").get("/console/recipients/" + id).status()).isEqualTo(200);
        List<String> paths = jdbc.queryForList("SELECT path FROM access_log WHERE user_name = 'inspector' "
                + "AND recipient_id = ? AND action = 'READ'", String.class, id);
        assertThat(paths).anySatisfy(path -> assertThat(path).startsWith("/console/recipients/"));

        Page lines = session("evaluator").get("/console/batches/" + batch + "/lines");
        assertThat(lines.status()).isEqualTo(200);
        assertThat(lines.body()).doesNotContain(id).contains(id.substring(0, 6) + "********")
                .doesNotContain("受益人9302");
    }

    @Test
    void anEvaluatorFindsARecipientByTheFullIdSeesThemMaskedAndRevealsThemForAReason() {
        String code = newProgram("CREVEAL");
        enrol(code, "2023-01", 9303);
        String id = syntheticId(9303);
        eventually(() -> get("clerk", "/api/v1/recipients/" + id).status() == 200);
        Session evaluator = session("evaluator");
        Page profile = evaluator.get("/console/recipients/" + id);
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.body()).contains(id.substring(0, 6) + "********").doesNotContain("受益人9303")
                .contains("/console/recipients/" + id + "/facts").contains("/console/recipients/" + id + "/cases");
        assertThat(evaluator.get("/console/recipients/" + id + "/facts").status()).isEqualTo(200);
        assertThat(evaluator.get("/console/recipients/" + id + "/cases").status()).isEqualTo(200);

        Page revealed = evaluator.post("/console/recipients/" + id + "/reveal", "reason="
                + URLEncoder.encode("核对抽样个案", StandardCharsets.UTF_8));
        assertThat(revealed.status()).isEqualTo(200);
        assertThat(revealed.body()).contains(id).contains("受益人9303").contains("核对抽样个案");
        assertThat(jdbc.queryForList("SELECT action FROM access_log WHERE user_name = 'evaluator' AND recipient_id = ?",
                String.class, id)).contains("READ", "REVEAL");
        assertThat(evaluator.get("/console/recipients/" + id).body()).as("later reads stay masked")
                .doesNotContain("受益人9303");
    }

    @Test
    void aMalformedIdInTheSearchIsAnsweredOnTheSearchPage() {
        Page page = session("clerk").get("/console/recipients?id=%7Bx%7D");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("身份证号有误");
    }

    /**
     * A district's share of a city batch is kept by region once shown (batch_region_view); a bank return recorded
     * afterwards changes the batch's figures, so the next view counts it.
     */
    @Test
    void aDistrictsShareOfABatchCountsAReturnRecordedAfterItWasFirstShown() {
        String code = newProgram("CSHARE");
        String tianshan = syntheticId(9311);
        String saybagh = validId("65010319300101" + "311");
        post("clerk", "/api/v1/programs/" + code + "/enrolments", """
                {"effectiveFrom":"2023-01","recipients":[{"id":"%s","name":"天山","region":"650102"},
                 {"id":"%s","name":"沙区","region":"650103"}]}""".formatted(tianshan, saybagh)).expect(201);
        String batch = post("clerk", batches(code, "2023-01"), lines(line(tianshan, "120.00"),
                line(saybagh, "100.00")), null).expect(201).json().get("batchId").asText();
        approveAndDisburse(batch, "2023-01-20");
        eventually(() -> get("clerk", "/api/v1/batches/" + batch).json().at("/batch/status").asText()
                .equals("DISBURSED"));
        var share = get("clerk-650102", "/api/v1/batches/" + batch).expect(200).json().get("batch");
        assertThat(share.get("lines").asInt()).isEqualTo(1);
        assertThat(share.get("total").asText()).isEqualTo("120.00");
        assertThat(share.get("returned").asInt()).isZero();
        assertThat(session("clerk-650102").get("/console/programs/" + code + "/batches").body()).contains("120.00");

        post("finance", returns(batch), "{\"reference\":\"TP-9311\",\"lines\":[{\"recipientId\":\"" + tianshan
                + "\",\"reason\":\"账户已销户\"}]}").expect(201);
        eventually(() -> get("clerk", "/api/v1/batches/" + batch).json().at("/batch/returned").asInt() == 1);
        var after = get("clerk-650102", "/api/v1/batches/" + batch).expect(200).json().get("batch");
        assertThat(after.get("returned").asInt()).isEqualTo(1);
        assertThat(after.get("returnedTotal").asText()).isEqualTo("120.00");
        assertThat(after.get("paid").asInt()).isZero();
        var other = get("clerk", "/api/v1/batches/" + batch).json().get("batch");
        assertThat(other.get("lines").asInt()).isEqualTo(2);
        assertThat(other.get("paid").asInt()).isEqualTo(1);
    }

    @Test
    void aDeathComparisonsReportListsTheRowsNotRecordedMaskedForAnEvaluator() {
        String code = newProgram("CCOMP");
        enrol(code, "2023-01", 9321);
        eventually(() -> get("clerk", "/api/v1/recipients/" + syntheticId(9321)).status() == 200);
        String unknown = syntheticId(9329);
        String csv = "身份证号,姓名,死亡日期,数据来源\n" + syntheticId(9321) + ",受益人9321,2023-03-15,殡葬\n"
                + unknown + ",无此人,2023-03-15,殡葬\n";
        String comparison = postFile("inspector", "/api/v1/death-comparisons", "比对.csv",
                csv.getBytes(StandardCharsets.UTF_8), null).expect(201).json().get("comparisonId").asText();
        eventually(() -> get("inspector", "/api/v1/death-comparisons/" + comparison).status() == 200);
        Page report = session("inspector").get("/console/death-comparisons/" + comparison);
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.body()).contains("死亡比对报告").contains(unknown).contains("UNMATCHED");
        assertThat(session("evaluator").get("/console/death-comparisons/" + comparison).body())
                .doesNotContain(unknown).contains(unknown.substring(0, 6) + "********");
    }

    /**
     * Rule 14 in the console: the case page shows the procedure and its next step, the ledger filters by it, the
     * deduction form records the recipient's agreement and the write-off form a waiver.
     */
    @Test
    void theCasePageShowsTheRecoveryProcedure_andItsFormsRecordAgreementAndWaiver() {
        String code = newProgram("CPROC");
        String caseId = suspensionCase(code, 9310, 9311);                                  // 240.00
        noticeDelivered(caseId, "2023-04-20", "2023-04-25");
        eventually(() -> "DEDUCT".equals(get("inspector", "/api/v1/overpayments/" + caseId).json()
                .path("overpayment").path("nextStep").asText()));

        Session inspector = session("inspector");
        Page page = inspector.get("/console/overpayments/" + caseId);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("追回程序", "抵扣或追缴", "2023-04-25", "2023-05-25", "2023-06-24",
                "本人同意提前抵扣", "减免", "出具通知书", "送达通知书").doesNotContain("??");
        Page ledger = inspector.get("/console/overpayments?program=" + code + "&nextStep=DEDUCT");
        assertThat(ledger.status()).isEqualTo(200);
        assertThat(ledger.body()).contains("/console/overpayments/" + caseId, "抵扣或追缴", "2023-04-25");
        assertThat(inspector.get("/console/overpayments?program=" + code + "&nextStep=NOTICE").body())
                .doesNotContain("/console/overpayments/" + caseId);
        assertThat(inspector.get("/console/overpayments/print?program=" + code + "&nextStep=DEDUCT").body())
                .contains("抵扣或追缴");

        assertThat(inspector.post("/console/overpayments/" + caseId + "/deduction", "share=0.25&recipientAgreed=true")
                .status()).isEqualTo(302);
        assertThat(session("finance").post("/console/overpayments/" + caseId + "/write-offs",
                "amount=10.00&reason=" + URLEncoder.encode("困难减免", StandardCharsets.UTF_8) + "&reasonCode=WAIVER")
                .status()).isEqualTo(302);
        eventually(() -> get("inspector", "/api/v1/overpayments/" + caseId).json().path("history").toString()
                .contains("减免 WAIVER: 困难减免"));
        assertThat(get("inspector", "/api/v1/overpayments/" + caseId).json().path("history").toString())
                .contains("agreed by the recipient (本人同意)");
        assertThat(get("inspector", "/api/v1/overpayments/" + caseId).json().path("overpayment")
                .path("deductionCap").asText()).isEqualTo("30.00");
    }

    /**
     * Rule 12 in the console: a town's inspector sees their own suspected facts in the 两上两下 queue, confirms one with
     * the form (the fact and its overpayment recorded), and cannot touch another town's.
     */
    @Test
    void aTownsInspectorVerifiesTheirQueueInTheConsole() {
        String code = newProgram("CQUEUE");
        String tianshan = syntheticId(9340);
        String shayibake = syntheticId(9341);
        post("clerk", "/api/v1/programs/" + code + "/enrolments", """
                {"effectiveFrom":"2023-01","recipients":[{"id":"%s","name":"受益人9340","region":"650102001"},
                 {"id":"%s","name":"受益人9341","region":"650103002"}]}""".formatted(tianshan, shayibake))
                .expect(201);
        payMonth(code, 1, java.util.List.of(tianshan, shayibake));
        payMonth(code, 2, java.util.List.of(tianshan, shayibake));
        String csv = "身份证号,姓名,死亡日期,数据来源\n" + tianshan + ",受益人9340,2023-01-10,殡葬\n" + shayibake
                + ",受益人9341,2023-01-10,殡葬\n";
        String comparison = postFile("inspector", "/api/v1/death-comparisons?verify=true", "比对.csv",
                csv.getBytes(StandardCharsets.UTF_8), null).expect(201).json().get("comparisonId").asText();
        eventually(() -> get("inspector", "/api/v1/suspected-facts?comparison=" + comparison).json().path("total")
                .asInt() == 2);
        String suspect = get("inspector", "/api/v1/suspected-facts?comparison=" + comparison + "&recipient="
                + tianshan).json().get("items").get(0).get("id").asText();

        Session town = session("inspector-650102");
        Page queue = town.get("/console/suspected-facts");
        assertThat(queue.status()).isEqualTo(200);
        assertThat(queue.body()).contains("两上两下核实", tianshan, "疑似死亡", "属实", "不属实")
                .doesNotContain(shayibake);
        assertThat(session("inspector-650103").post("/console/suspected-facts/" + suspect + "/dismissal",
                "reason=x").status()).as("another town's suspect does not exist for them").isEqualTo(404);
        Page confirmed = town.post("/console/suspected-facts/" + suspect + "/confirmation",
                "date=2023-01-10&evidence=" + java.net.URLEncoder.encode("火化证明 0117", StandardCharsets.UTF_8));
        assertThat(confirmed.status()).isEqualTo(302);
        assertThat(get("inspector", "/api/v1/suspected-facts?recipient=" + tianshan).json().get("items").get(0)
                .get("status").asText()).isEqualTo("CONFIRMED");
        eventually(() -> get("inspector", "/api/v1/overpayments?program=" + code).json().path("total").asInt() == 1);
        assertThat(get("inspector", "/api/v1/overpayments?program=" + code).json().get("items").get(0).get("amount")
                .asText()).as("February").isEqualTo("120.00");
        assertThat(session("evaluator").get("/console/suspected-facts?status=ALL").body())
                .doesNotContain(shayibake).contains(shayibake.substring(0, 6) + "********");
    }

    /**
     * Rule 9 in the console: a 调标 from January to 125.00 over January's 120.00 payments owes 5.00 to each of two
     * recipients; the 待补发 page lists them with the totals, a district's clerk only theirs, an auditor masked.
     */
    @Test
    void theArrearsPageListsWhatAStandardChangeOwesWithItsTotalsWithinTheCallersScope() {
        String code = newProgram("CARREAR");
        String tianshan = syntheticId(9350);
        String shayibake = syntheticId(9351);
        post("clerk", "/api/v1/programs/" + code + "/enrolments", """
                {"effectiveFrom":"2023-01","recipients":[{"id":"%s","name":"受益人9350","region":"650102"},
                 {"id":"%s","name":"受益人9351","region":"650103"}]}""".formatted(tianshan, shayibake)).expect(201);
        payMonth(code, 1, java.util.List.of(tianshan, shayibake));
        post("admin", "/api/v1/programs/" + code + "/standards",
                "{\"from\":\"2023-01\",\"monthlyStandard\":\"125.00\",\"reason\":\"调标\"}").expect(201);
        eventually(() -> get("clerk", "/api/v1/arrears?program=" + code).json().path("total").asInt() == 2);

        Page all = session("clerk").get("/console/arrears?program=" + code);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body()).contains("待补发", tianshan, shayibake, "调标补差", "2023-01", "10.00", "5.00");
        Page district = session("clerk-650102").get("/console/arrears?program=" + code);
        assertThat(district.body()).contains(tianshan).doesNotContain(shayibake);
        assertThat(session("clerk").get("/console/arrears?program=" + code + "&status=SETTLED").body())
                .contains("没有符合条件的待补发记录");
        assertThat(session("auditor").get("/console/arrears?program=" + code).body())
                .doesNotContain(tianshan).contains(tianshan.substring(0, 6) + "********");
        assertThat(session("clerk").get("/console/arrears?status=BOGUS").status()).isEqualTo(400);
    }

    /**
     * Rule 11 in the console: two recipients enrolled from 2023-01 in a program certifying every 12 months, never
     * certified, are withheld since 2024-02; the work list shows them per region, a district's clerk records one's
     * certification from the row — the withheld months become arrears — and an auditor sees them masked, without
     * the form.
     */
    @Test
    void theCertificationWorkListShowsWhoIsOverdueAndItsFormRecordsACertification() {
        String code = ("CCERT-" + java.util.UUID.randomUUID().toString().substring(0, 8)).toUpperCase();
        post("admin", "/api/v1/programs", """
                {"code":"%s","name":"认证补贴","region":"650100","monthlyStandard":"120.00","deadlineDay":25,\
                "reviewLevels":3,"certificationMonths":12}""".formatted(code)).expect(201);
        String tianshan = syntheticId(9360);
        String shayibake = syntheticId(9361);
        post("clerk", "/api/v1/programs/" + code + "/enrolments", """
                {"effectiveFrom":"2023-01","recipients":[{"id":"%s","name":"受益人9360","region":"650102"},
                 {"id":"%s","name":"受益人9361","region":"650103"}]}""".formatted(tianshan, shayibake)).expect(201);
        String month = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        String page = "/console/certifications?program=" + code + "&month=" + month;
        eventually(() -> session("clerk").get(page).body().contains(shayibake));

        Page list = session("clerk").get(page);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("生存认证待办", tianshan, shayibake, "未认证", "2024-02", "已暂停", "已认证");
        Page district = session("clerk-650102").get(page);
        assertThat(district.body()).contains(tianshan).doesNotContain(shayibake);
        // another province's clerk: the program does not exist for them, in the selector or asked by name
        assertThat(session("other-clerk").get("/console/certifications").body()).doesNotContain(code);
        assertThat(session("other-clerk").get(page).status()).isEqualTo(404);
        get("other-clerk", "/api/v1/certifications/due?program=" + code + "&month=" + month)
                .expectProblem(404, "UNKNOWN_PROGRAM");
        String today = org.subsidyledger.contract.value.BusinessDates.today().toString();
        Page recorded = session("clerk-650102").post("/console/recipients/" + tianshan + "/certifications",
                "program=" + code + "&certifiedOn=" + today + "&method=FACE&month=" + month);
        assertThat(recorded.status()).isEqualTo(302);
        eventually(() -> get("clerk", "/api/v1/recipients/" + tianshan).json().path("certifications").size() == 1);
        assertThat(get("clerk", "/api/v1/arrears?program=" + code + "&recipient=" + tianshan).json().get("items")
                .get(0).get("month").asText()).as("withheld since February 2024, now owed").isEqualTo("2024-02");
        assertThat(session("clerk-650102").post("/console/recipients/" + shayibake + "/certifications",
                "program=" + code + "&certifiedOn=" + today + "&method=FACE").status())
                .as("another district's recipient does not exist for them").isEqualTo(404);
        eventually(() -> !session("clerk").get(page).body().contains(tianshan));
        Page masked = session("auditor").get(page);
        assertThat(masked.body()).doesNotContain(shayibake).contains(shayibake.substring(0, 6) + "********")
                .doesNotContain("class=\"certify\"");
    }

    private record Page(int status, String body) {
    }

    private Session session(String user) {
        return new Session(user);
    }

    /** A browser's session: signed in through the form with its CSRF token. */
    private final class Session {
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        Session(String user) {
            String token = token(get("/login").body());
            Page signedIn = send(HttpRequest.newBuilder(uri("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo&_csrf="
                            + URLEncoder.encode(token, StandardCharsets.UTF_8))).build());
            assertThat(signedIn.status()).as(user + " signs in").isEqualTo(302);
        }

        Page get(String path) {
            return send(HttpRequest.newBuilder(uri(path)).GET().build());
        }

        /** A form posted with the CSRF token of the home page. */
        Page post(String path, String form) {
            String token = token(get("/").body());
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf="
                            + URLEncoder.encode(token, StandardCharsets.UTF_8))).build());
        }

        private Page send(HttpRequest request) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                return new Page(response.statusCode(), response.body());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        private URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }

        private String token(String page) {
            Matcher matcher = Pattern.compile("(?:name=\"_csrf\" value|name=\"_csrf\" content)=\"([^\"]+)\"")
                    .matcher(page);
            assertThat(matcher.find()).as("a CSRF token on the page").isTrue();
            return matcher.group(1);
        }
    }
}
