package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Region scope, masking, reveal and the access log (SPEC §8), against the running service. One program of 乌鲁木齐市
 * (650100) with a recipient in 天山区 (650102) and one in 沙依巴克区 (650103), paid January and February; the first
 * dies in January, so February is an overpayment case. The scoped demo users: {@code clerk-650102},
 * {@code inspector-650102}, {@code inspector-650103} and {@code evaluator-6501}.
 */
class AccessScopeHttpTest extends HttpTestBase {

    static final String TIANSHAN_NAME = "欧阳娜娜";
    static final String SAYBAGH_NAME = "买买提江";

    /** The shared scenario, made once for the class. */
    record Scenario(String program, String tianshan, String saybagh, String caseId, String factId, String batch) {
    }

    private static Scenario scenario;

    @BeforeEach
    void scenario() {
        if (scenario == null) {
            scenario = make(this);
        }
    }

    static Scenario make(HttpTestBase test) {
        String code = test.newProgram("SCOPE");
        String tianshan = validId("65010219400101" + String.format("%03d", (int) (Math.random() * 900) + 100));
        String saybagh = validId("65010319410202" + String.format("%03d", (int) (Math.random() * 900) + 100));
        test.post("clerk", "/api/v1/programs/" + code + "/enrolments", """
                {"effectiveFrom":"2023-01","recipients":[{"id":"%s","name":"%s","region":"650102"},
                 {"id":"%s","name":"%s","region":"650103"}]}""".formatted(tianshan, TIANSHAN_NAME, saybagh,
                SAYBAGH_NAME)).expect(201);
        String batch = null;
        for (int month = 1; month <= 2; month++) {
            Answer posted = test.post("clerk", batches(code, "2023-0" + month), lines(
                    "{\"recipientId\":\"" + tianshan + "\",\"name\":\"" + TIANSHAN_NAME + "\",\"amount\":\"120.00\"}",
                    "{\"recipientId\":\"" + saybagh + "\",\"name\":\"" + SAYBAGH_NAME + "\",\"amount\":\"120.00\"}"),
                    null).expect(201);
            batch = posted.json().get("batchId").asText();
            test.approveAndDisburse(batch, "2023-0" + month + "-20");
        }
        JsonNode death = test.post("clerk", "/api/v1/recipients/" + tianshan + "/deaths",
                "{\"dateOfDeath\":\"2023-01-15\",\"source\":\"公安\"}").expect(201).json();
        String caseId = death.get("overpayments").get(0).get("caseId").asText();
        String factId = death.get("factId").asText();
        eventually(() -> test.get("inspector", "/api/v1/overpayments/" + caseId).json().path("fact").has("kind")
                && test.get("admin", "/api/v1/programs/" + code + "/indicators?year=2023").json()
                .path("months").size() == 2);
        return new Scenario(code, tianshan, saybagh, caseId, factId, batch);
    }

    @Test
    void aUserOfAnotherDistrictFindsNoRecipientCaseOrFactAndCannotActOnThem() {
        Scenario s = scenario;
        get("inspector-650103", "/api/v1/recipients/" + s.tianshan()).expectProblem(404, "UNKNOWN_RECIPIENT");
        get("inspector-650103", "/api/v1/recipients/" + s.tianshan() + "/facts").expectProblem(404, "UNKNOWN_RECIPIENT");
        get("inspector-650103", "/api/v1/overpayments/" + s.caseId()).expectProblem(404, "UNKNOWN_OVERPAYMENT");
        get("inspector-650103", "/api/v1/facts/" + s.factId()).expectProblem(404, "UNKNOWN_FACT");
        long events = eventCount();
        post("inspector-650103", "/api/v1/recipients/" + s.tianshan() + "/suspensions",
                "{\"kind\":\"IMPRISONMENT\",\"from\":\"2023-01-10\",\"source\":\"司法\"}")
                .expectProblem(404, "UNKNOWN_RECIPIENT");
        post("inspector-650103", "/api/v1/overpayments/" + s.caseId() + "/deduction", "{}")
                .expectProblem(404, "UNKNOWN_OVERPAYMENT");
        post("inspector-650103", "/api/v1/facts/" + s.factId() + "/retraction", "{\"reason\":\"probe\"}")
                .expectProblem(404, "UNKNOWN_FACT");
        assertThat(eventCount()).as("nothing recorded").isEqualTo(events);

        // the district's own inspector sees them
        get("inspector-650102", "/api/v1/recipients/" + s.tianshan()).expect(200);
        get("inspector-650102", "/api/v1/overpayments/" + s.caseId()).expect(200);
        get("inspector-650102", "/api/v1/recipients/" + s.saybagh()).expectProblem(404, "UNKNOWN_RECIPIENT");
    }

    @Test
    void theLedgerItsSummaryAndItsExportCoverTheCallersScopeOnly() {
        Scenario s = scenario;
        String filter = "/api/v1/overpayments?program=" + s.program();
        assertThat(get("inspector-650102", filter).json().get("total").asLong()).isEqualTo(1);
        assertThat(get("inspector-650103", filter).json().get("total").asLong()).isZero();
        assertThat(get("inspector", filter).json().get("total").asLong()).isEqualTo(1);
        // region= narrows within the scope; a region outside it is as if it did not exist
        assertThat(get("inspector", filter + "&region=650103").json().get("total").asLong()).isZero();
        get("inspector-650103", filter + "&region=650102").expectProblem(404, "NOT_FOUND");
        JsonNode byRegion = get("inspector-650103", "/api/v1/overpayments/summary?by=region&program=" + s.program())
                .expect(200).json();
        assertThat(byRegion).isEmpty();
        String csv = get("inspector-650103", "/api/v1/overpayments/export?format=csv&program=" + s.program()).text();
        assertThat(csv).doesNotContain(s.tianshan()).doesNotContain(s.caseId());
        assertThat(get("inspector-650102", "/api/v1/overpayments/export?format=csv&program=" + s.program()).text())
                .contains(s.tianshan(), s.caseId());
    }

    @Test
    void aBatchShowsAScopedUserTheLinesAndTotalsOfTheirDistrict() {
        Scenario s = scenario;
        JsonNode whole = get("inspector", "/api/v1/batches/" + s.batch()).json().get("batch");
        JsonNode district = get("inspector-650103", "/api/v1/batches/" + s.batch()).json().get("batch");
        assertThat(whole.get("lines").asInt()).isEqualTo(2);
        assertThat(whole.get("total").asText()).isEqualTo("240.00");
        assertThat(district.get("lines").asInt()).isEqualTo(1);
        assertThat(district.get("total").asText()).isEqualTo("120.00");
        JsonNode lines = get("inspector-650103", "/api/v1/batches/" + s.batch() + "/lines").json();
        assertThat(lines.get("total").asInt()).isEqualTo(1);
        assertThat(lines.get("items").get(0).get("recipientId").asText()).isEqualTo(s.saybagh());
        assertThat(get("inspector-650103", "/api/v1/programs/" + s.program()).json().get("enrolled").asLong())
                .isEqualTo(1);
    }

    @Test
    void aScopedClerksBatchAndEnrolmentRefuseRecipientsOfOtherDistrictsLineByLine() {
        Scenario s = scenario;
        Answer march = post("clerk-650102", batches(s.program(), "2023-03"), lines(
                "{\"recipientId\":\"" + s.saybagh() + "\",\"name\":\"" + SAYBAGH_NAME + "\",\"amount\":\"120.00\"}"),
                null).expectProblem(422, "INVALID_ROWS");
        assertThat(march.json().toString()).contains("OUT_OF_SCOPE");
        String newcomer = validId("65010319500303" + String.format("%03d", (int) (Math.random() * 900) + 100));
        Answer enrolment = post("clerk-650102", "/api/v1/programs/" + s.program() + "/enrolments", """
                {"effectiveFrom":"2023-03","recipients":[{"id":"%s","name":"新人","region":"650103"}]}"""
                .formatted(newcomer)).expectProblem(422, "INVALID_ROWS");
        assertThat(enrolment.json().get("errors").get(0).get("code").asText()).isEqualTo("OUT_OF_SCOPE");
        assertThat(enrolment.text()).contains("不在您的管辖区域");
        // a bank return of another district's line: the batch has no such line, as far as the clerk can tell
        Answer returned = post("clerk-650102", "/api/v1/batches/" + s.batch() + "/returns",
                "{\"lines\":[{\"recipientId\":\"" + s.saybagh() + "\",\"reason\":\"销户\"}],\"reference\":\"BR-1\"}")
                .expectProblem(422, "INVALID_ROWS");
        assertThat(returned.text()).contains("NOT_IN_BATCH").doesNotContain("OUT_OF_SCOPE");
    }

    @Test
    void aRegionsIndicatorsAddUpToTheProgramsAndAScopeCoveringTheProgramSeesItWhole() {
        Scenario s = scenario;
        String table = "/api/v1/programs/" + s.program() + "/indicators?year=2023";
        JsonNode whole = get("evaluator", table).expect(200).json();
        JsonNode tianshan = get("evaluator", table + "&region=650102").expect(200).json();
        JsonNode saybagh = get("evaluator", table + "&region=650103").expect(200).json();
        assertThat(texts(tianshan.get("regions"))).containsExactly("650102");
        Set<String> programLevel = new HashSet<>(texts(tianshan.get("programLevel")));
        assertThat(programLevel).contains("fundsArrivalRate", "onTimeRate").doesNotContain("dueCoverageRate");
        Map<String, JsonNode> all = byKey(whole);
        Map<String, JsonNode> a = byKey(tianshan);
        Map<String, JsonNode> b = byKey(saybagh);
        int compared = 0;
        for (String key : all.keySet()) {
            if (programLevel.contains(key)) {
                continue;
            }
            for (String side : List.of("numerator", "denominator")) {
                JsonNode w = all.get(key).get(side);
                if (w == null || w.isNull()) {
                    continue;
                }
                BigDecimal sum = new BigDecimal(a.get(key).get(side).asText())
                        .add(new BigDecimal(b.get(key).get(side).asText()));
                assertThat(sum).as(key + " " + side).isEqualByComparingTo(new BigDecimal(w.asText()));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(10);
        assertThat(a.get("dueCoverageRate").get("numerator").asText()).isEqualTo("1");   // January
        assertThat(b.get("dueCoverageRate").get("numerator").asText()).isEqualTo("2");

        // a scope that covers the whole program (the city) sees it whole; a district sees its own share
        JsonNode city = get("evaluator-6501", table).expect(200).json();
        assertThat(city.get("regions")).isEmpty();
        assertThat(byKey(city).get("dueCoverageRate").get("numerator").asText()).isEqualTo("3");
        JsonNode district = get("inspector-650103", table).expect(200).json();
        assertThat(texts(district.get("regions"))).containsExactly("650103");
        get("inspector-650103", table + "&region=650102").expectProblem(404, "NOT_FOUND");
        // the drill-down behind a district's figure lists its rows only
        JsonNode basis = get("inspector-650103", "/api/v1/programs/" + s.program()
                + "/indicators/dueCoverageRate/basis?year=2023&side=denominator").expect(200).json();
        assertThat(basis.get("rows").get("total").asLong()).isEqualTo(1);
    }

    @Test
    void anEvaluatorSeesIdNumbersAndNamesMaskedInAnswersListsDrillDownsAndExports() throws IOException {
        Scenario s = scenario;
        String masked = s.tianshan().substring(0, 6) + "********" + s.tianshan().substring(14);
        JsonNode profile = get("evaluator", "/api/v1/recipients/" + s.tianshan()).expect(200).json();
        assertThat(profile.get("id").asText()).isEqualTo(masked);
        assertThat(profile.get("name").asText()).isEqualTo("欧阳**");
        List<String> reads = List.of("/api/v1/recipients/" + s.tianshan(), "/api/v1/recipients/" + s.saybagh(),
                "/api/v1/recipients/" + s.tianshan() + "/facts", "/api/v1/facts/" + s.factId(),
                "/api/v1/overpayments?program=" + s.program(), "/api/v1/overpayments/" + s.caseId(),
                "/api/v1/overpayments/export?format=csv&program=" + s.program(),
                "/api/v1/batches/" + s.batch() + "/lines", "/api/v1/programs/" + s.program() + "/enrolments",
                "/api/v1/programs/" + s.program() + "/indicators/dueCoverageRate/basis?year=2023&side=denominator",
                "/api/v1/programs/" + s.program() + "/indicators/fullPaymentRate/basis?year=2023&side=denominator",
                "/api/v1/programs/" + s.program() + "/indicators/recoveryRate/basis?year=2023&side=denominator",
                "/api/v1/programs/" + s.program() + "/indicators/recipientCompletionRate/basis?year=2023");
        for (String user : List.of("evaluator", "auditor", "evaluator-6501")) {
            for (String path : reads) {
                Answer answer = get(user, path);
                assertThat(answer.status()).as(user + " " + path).isEqualTo(200);
                assertNoPersonalData(user + " " + path, answer.text(), s);
            }
            HttpResponse<byte[]> xlsx = getBytes(user, "/api/v1/overpayments/export?format=xlsx&program="
                    + s.program());
            assertThat(xlsx.statusCode()).isEqualTo(200);
            String sheet = xlsxText(xlsx.body());
            assertThat(sheet).contains(masked);
            assertNoPersonalData(user + " xlsx", sheet, s);
        }
        // roles that work with people see them in full, and search by full ID works for every role
        assertThat(get("inspector", "/api/v1/recipients/" + s.tianshan()).json().get("name").asText())
                .isEqualTo(TIANSHAN_NAME);
        assertThat(get("evaluator", "/api/v1/overpayments?recipient=" + s.tianshan()).json().get("total").asLong())
                .isEqualTo(1);
    }

    @Test
    void aRevealNeedsAReasonIsAnEventAndEveryReadIsInTheAccessLog() {
        Scenario s = scenario;
        get("inspector-650102", "/api/v1/recipients/" + s.tianshan()).expect(200);
        get("inspector-650103", "/api/v1/recipients/" + s.tianshan()).expect(404);
        post("evaluator", "/api/v1/recipients/" + s.tianshan() + "/reveal", "{}").expectProblem(422, "MISSING_VALUE");
        post("clerk", "/api/v1/recipients/" + s.tianshan() + "/reveal", "{\"reason\":\"x\"}")
                .expectProblem(403, "FORBIDDEN");
        JsonNode revealed = post("evaluator", "/api/v1/recipients/" + s.tianshan() + "/reveal",
                "{\"reason\":\"核对抽样样本 #17\"}").expect(201).json();
        assertThat(revealed.get("recipientId").asText()).isEqualTo(s.tianshan());
        assertThat(texts(revealed.get("names"))).containsExactly(TIANSHAN_NAME);
        Map<String, Object> event = jdbc.queryForMap("""
                SELECT payload_type, convert_from(payload, 'UTF8') AS payload, convert_from(meta_data, 'UTF8') AS meta
                FROM domain_event_entry WHERE event_identifier = ?""", revealed.get("eventId").asText());
        assertThat(event.get("payload_type")).isEqualTo("org.subsidyledger.contract.access.RecipientRevealed");
        assertThat((String) event.get("payload")).contains(s.tianshan(), "核对抽样样本 #17");
        assertThat((String) event.get("meta")).contains("evaluator", "EVALUATOR");

        JsonNode log = get("auditor", "/api/v1/audit/access-log?recipient=" + s.tianshan()).expect(200).json();
        Map<String, Integer> byUser = new HashMap<>();
        for (JsonNode entry : log.get("items")) {
            byUser.merge(entry.get("user").asText() + " " + entry.get("action").asText() + " "
                    + entry.get("status").asInt(), 1, Integer::sum);
            assertThat(entry.get("recipientId").asText()).as("masked for the auditor")
                    .isEqualTo(s.tianshan().substring(0, 6) + "********" + s.tianshan().substring(14));
        }
        assertThat(byUser).containsKeys("inspector-650102 READ 200", "inspector-650103 READ 404",
                "evaluator REVEAL 201");
        assertThat(get("admin", "/api/v1/audit/access-log?user=evaluator&action=REVEAL").json().get("items")
                .get(0).get("recipientId").asText()).isNotBlank();
        get("evaluator", "/api/v1/audit/access-log").expectProblem(403, "FORBIDDEN");
        get("auditor", "/api/v1/audit/access-log?from=yesterday").expectProblem(400, "INVALID_QUERY");
    }

    @Test
    void whatConcernsTheWholeProgramIsForAScopeThatCoversIt() {
        Scenario s = scenario;
        String plan = "/api/v1/programs/" + s.program() + "/plans/2024";
        String body = "{\"plannedRecipients\":2,\"plannedPayouts\":12,\"budget\":\"2880.00\"}";
        put("finance-650102", plan, body).expectProblem(403, "FORBIDDEN");
        post("finance-650102", "/api/v1/programs/" + s.program() + "/months/2023-01/close", "{}")
                .expectProblem(403, "FORBIDDEN");
        get("inspector-650102", "/api/v1/programs/" + s.program() + "/evaluation?year=2023")
                .expectProblem(403, "FORBIDDEN");
        // the city's code in a user's scope stands for the whole city (650100 = 6501)
        put("finance-city", plan, body).expect(200);
        post("other-admin", "/api/v1/programs", """
                {"code":"NOT-MINE","name":"x","region":"650100","monthlyStandard":"120.00","reviewLevels":3}""")
                .expectProblem(422, "OUT_OF_SCOPE");
    }

    @Test
    void aScopedAuditorSearchesTheAccessLogOfTheirRegionOnly() {
        Scenario s = scenario;
        get("inspector", "/api/v1/recipients/" + s.tianshan()).expect(200);
        get("inspector", "/api/v1/recipients/" + s.saybagh()).expect(200);
        JsonNode own = get("auditor-650103", "/api/v1/audit/access-log?recipient=" + s.saybagh()).expect(200).json();
        assertThat(own.get("total").asLong()).isPositive();
        JsonNode other = get("auditor-650103", "/api/v1/audit/access-log?recipient=" + s.tianshan()).expect(200).json();
        assertThat(other.get("total").asLong()).isZero();
        get("auditor-650103", "/api/v1/audit/access-log").json().get("items").forEach(entry ->
                assertThat(entry.path("recipientId").asText("")).doesNotStartWith("650102"));
    }

    @Test
    void aFilePostedByADistrictIsNotTheCitysPostingOfTheSameBytes() {
        Scenario s = scenario;
        String alive = validId("65010219450505" + String.format("%03d", (int) (Math.random() * 900) + 100));
        post("clerk", "/api/v1/programs/" + s.program() + "/enrolments", """
                {"effectiveFrom":"2023-01","recipients":[{"id":"%s","name":"李四","region":"650102"}]}"""
                .formatted(alive)).expect(201);
        byte[] file = ("身份证号,姓名,金额\n" + alive + ",李四,120.00\n" + s.saybagh() + "," + SAYBAGH_NAME
                + ",120.00\n").getBytes(StandardCharsets.UTF_8);
        String path = batches(s.program(), "2023-04");
        JsonNode district = postFile("clerk-650102", path, "april.csv", file, null).expect(201).json();
        assertThat(district.get("accepted").asInt()).isEqualTo(1);
        assertThat(district.toString()).contains("OUT_OF_SCOPE");
        JsonNode again = postFile("clerk-650102", path, "april.csv", file, null).json();
        assertThat(again.get("batchId").asText()).as("the same district, the same bytes: one posting")
                .isEqualTo(district.get("batchId").asText());
        JsonNode city = postFile("clerk", path, "april.csv", file, null).expect(201).json();
        assertThat(city.get("batchId").asText()).isNotEqualTo(district.get("batchId").asText());
        assertThat(city.get("accepted").asInt()).isEqualTo(1);   // 沙依巴克区's line; 天山区's is pending already
        assertThat(city.toString()).contains("ALREADY_PENDING").doesNotContain("OUT_OF_SCOPE");
    }

    static void assertNoPersonalData(String what, String text, Scenario s) {
        assertThat(text).as(what).doesNotContain(s.tianshan()).doesNotContain(s.saybagh())
                .doesNotContain(TIANSHAN_NAME).doesNotContain(SAYBAGH_NAME);
        assertThat(text).as(what + ": no 18-character ID number").doesNotContainPattern("\\d{17}[\\dX]");
    }

    /** The text of every part of an XLSX file (its sheets and shared strings). */
    static String xlsxText(byte[] xlsx) throws IOException {
        StringBuilder text = new StringBuilder();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("export", ".xlsx");
        try {
            java.nio.file.Files.write(file, xlsx);
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
                for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                    if (entry.getName().endsWith(".xml")) {
                        text.append(new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
        return text.toString();
    }

    private static Map<String, JsonNode> byKey(JsonNode table) {
        Map<String, JsonNode> figures = new HashMap<>();
        table.get("indicators").forEach(f -> figures.put(f.get("key").asText(), f));
        return figures;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new java.util.ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
