package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.subsidyledger.contract.value.BusinessDates;
import org.subsidyledger.ledger.certification.Certifications;

/**
 * Existence certification (rule 11) end to end: one recipient's and a file's certifications, the months they
 * release, which recipients a month withholds, the office's work list by region (masked for an evaluator), the
 * recipient's page, {@code certificationRate} as of two moments, and region scope.
 */
class CertificationHttpTest extends HttpTestBase {

    @Autowired
    private Certifications certifications;

    @Autowired
    private org.subsidyledger.ledger.certification.RecordingCertificationListener listener;

    /** A program certifying every 12 months, with recipients enrolled from 2023-01 in the given regions. */
    private String program(String... regions) {
        String code = ("CERT-" + UUID.randomUUID().toString().substring(0, 8)).toUpperCase();
        post("admin", "/api/v1/programs", """
                {"code":"%s","name":"认证补贴","region":"650100","monthlyStandard":"120.00","deadlineDay":25,\
                "reviewLevels":3,"certificationMonths":12}""".formatted(code)).expect(201);
        return code;
    }

    private void enrolIn(String code, String from, Map<String, String> idsByRegion) {
        List<String> recipients = new ArrayList<>();
        idsByRegion.forEach((id, region) -> recipients.add("{\"id\":\"%s\",\"name\":\"%s\",\"region\":\"%s\"}"
                .formatted(id, name(id), region)));
        post("clerk", "/api/v1/programs/" + code + "/enrolments", "{\"effectiveFrom\":\"" + from
                + "\",\"recipients\":[" + String.join(",", recipients) + "]}").expect(201);
    }

    private static String name(String id) {
        return "认证" + id.substring(14);
    }

    private static int next = 900_000 + (int) (System.nanoTime() % 50_000);

    private static synchronized String newId() {
        return syntheticId(next++);
    }

    private Answer certify(String user, String id, String body) {
        return post(user, "/api/v1/recipients/" + id + "/certifications", body);
    }

    @Test
    void aCertificationReleasesTheMonthsWithheldAndEndsTheWithholding() {
        String code = program();
        String a = newId();
        String b = newId();
        enrolIn(code, "2023-01", Map.of(a, "650102", b, "650102"));
        // enrolled 2023-01 without certification: due 2024-01-01, withheld from 2024-02
        assertThat(certifications.withheld(code, YearMonth.of(2024, 1), List.of(a, b))).isEmpty();
        assertThat(certifications.withheld(code, YearMonth.of(2024, 2), List.of(a, b)))
                .containsEntry(a, YearMonth.of(2024, 2)).containsEntry(b, YearMonth.of(2024, 2));

        Answer recorded = certify("clerk", a, "{\"program\":\"" + code
                + "\",\"certifiedOn\":\"2024-06-15\",\"method\":\"人脸识别\"}").expect(201);
        assertThat(recorded.json().get("alreadyRecorded").asBoolean()).isFalse();
        assertThat(recorded.json().get("method").asText()).isEqualTo("FACE");
        JsonNode released = recorded.json().get("released").get(0);
        assertThat(released.get("program").asText()).isEqualTo(code);
        List<String> months = new ArrayList<>();
        released.get("months").forEach(m -> months.add(m.asText()));
        // withheld from 2024-02; the new certification is current through 2025-06-15, so 2024-02…2025-06 are released
        assertThat(months).first().isEqualTo("2024-02");
        assertThat(months).last().isEqualTo("2025-06");
        assertThat(months).hasSize(17);
        assertThat(listener.about(a)).singleElement().satisfies(call -> {
            assertThat(call.programCode()).isEqualTo(code);
            assertThat(call.months()).hasSize(17).startsWith(YearMonth.of(2024, 2));
            assertThat(call.actor().userName()).isEqualTo("clerk");
            assertThat(call.inTransaction()).as("called in the recording transaction").isTrue();
        });

        assertThat(certifications.withheld(code, YearMonth.of(2025, 6), List.of(a, b)))
                .containsOnlyKeys(b);
        assertThat(certifications.withheld(code, YearMonth.of(2025, 7), List.of(a, b)))
                .containsEntry(a, YearMonth.of(2025, 7));
        assertThat(certifications.lastCertification(code, a)).hasValue(java.time.LocalDate.of(2024, 6, 15));
        // b, certifying on 2024-03-05 (recorded now), would release 2024-02 … 2025-03: current through 2025-03-05
        assertThat(certifications.withheldMonths(code, b, null, java.time.LocalDate.of(2024, 3, 5)))
                .startsWith(YearMonth.of(2024, 2)).endsWith(YearMonth.of(2025, 3)).hasSize(14);

        long events = eventCount();
        Answer again = certify("clerk", a, "{\"program\":\"" + code
                + "\",\"certifiedOn\":\"2024-06-15\",\"method\":\"FACE\"}").expect(200);
        assertThat(again.json().get("alreadyRecorded").asBoolean()).isTrue();
        assertThat(eventCount()).isEqualTo(events);

        certify("clerk", a, "{\"certifiedOn\":\"" + BusinessDates.today().plusDays(1) + "\",\"method\":\"FACE\"}")
                .expectProblem(422, "INVALID_DATE");
        certify("clerk", a, "{\"certifiedOn\":\"2024-07-01\",\"method\":\"电话\"}")
                .expectProblem(422, "INVALID_CERTIFICATION_METHOD");
        certify("clerk", a, "{\"program\":\"NOPE\",\"certifiedOn\":\"2024-07-01\",\"method\":\"FACE\"}")
                .expectProblem(422, "NOT_ENROLLED");
        certify("inspector", a, "{\"certifiedOn\":\"2024-07-01\",\"method\":\"FACE\"}").expect(403);

        // for every program: counts for this one too, and a certification before the enrolment is pointless
        Answer everywhere = certify("clerk", b, "{\"certifiedOn\":\"2022-05-01\",\"method\":\"COMMUNITY\"}")
                .expect(201);
        assertThat(everywhere.json().get("program").isNull()).isTrue();
        assertThat(everywhere.json().get("released")).isEmpty();
        assertThat(certifications.withheld(code, YearMonth.of(2024, 2), List.of(b))).containsKey(b);

        eventually(() -> get("clerk", "/api/v1/recipients/" + a).json().path("certifications").size() == 1);
        JsonNode profile = get("clerk", "/api/v1/recipients/" + a).expect(200).json();
        JsonNode certification = profile.get("certifications").get(0);
        assertThat(certification.get("certifiedOn").asText()).isEqualTo("2024-06-15");
        assertThat(certification.get("method").asText()).isEqualTo("FACE");
        assertThat(certification.get("releasedMonths").asInt()).isEqualTo(17);
        assertThat(certification.get("recordedBy").asText()).isEqualTo("clerk");
        JsonNode standing = profile.get("certificationStanding").get(0);
        assertThat(standing.get("dueDate").asText()).isEqualTo("2025-06-15");
        assertThat(standing.get("withheldFrom").asText()).isEqualTo("2025-07");
    }

    @Test
    void aFileRecordsTheMatchedRowsAndReportsTheOthersWithTheirLinesOnce() {
        String code = program();
        String a = newId();
        String b = newId();
        String stranger = newId();
        enrolIn(code, "2023-01", Map.of(a, "650102", b, "650103"));
        String csv = """
                身份证号,姓名,认证日期,认证方式
                %s,%s,2024-03-10,人脸识别
                530102192005080119,张三,2024-03-10,FACE
                %s,李四,2024-03-10,社区
                %s,王五,2024-03-10,入户
                %s,%s,2024-03-10,电话
                %s,%s,2024-04-02,入户
                """.formatted(a, name(a), stranger, b, b, name(b), b, name(b));
        // b is first named on line 5, under another name: their later lines are duplicates, or have a bad method
        byte[] file = csv.getBytes(StandardCharsets.UTF_8);
        Answer answer = postFile("clerk", "/api/v1/certifications", "认证.csv", file, null).expect(201);
        JsonNode body = answer.json();
        assertThat(body.get("rows").asInt()).isEqualTo(6);
        Map<Integer, String> rejected = new java.util.TreeMap<>();
        body.get("rejected").forEach(row -> rejected.put(row.get("line").asInt(), row.get("code").asText()));
        assertThat(rejected).containsEntry(3, "INVALID_RECIPIENT_ID").containsEntry(4, "UNMATCHED")
                .containsEntry(5, "NAME_MISMATCH").containsEntry(6, "INVALID_CERTIFICATION_METHOD")
                .containsEntry(7, "DUPLICATE_IN_FILE").hasSize(5);
        assertThat(body.get("recorded").asInt()).isEqualTo(1);
        assertThat(body.get("monthsReleased").asInt()).isEqualTo(14); // 2024-02 … 2025-03
        assertThat(listener.about(a)).singleElement().satisfies(call -> assertThat(call.months()).hasSize(14));
        assertThat(listener.about(b)).as("nothing recorded, nothing released").isEmpty();
        long events = eventCount();
        Answer again = postFile("clerk", "/api/v1/certifications", "认证.csv", file, null).expect(201);
        assertThat(again.json().get("fileId").asText()).isEqualTo(body.get("fileId").asText());
        assertThat(eventCount()).isEqualTo(events);

        String fixed = """
                recipient_id,name,certified_on,method
                %s,%s,2024-04-02,HOME_VISIT
                %s,%s,2024-03-10,FACE
                """.formatted(b, name(b), a, name(a));
        Answer second = postFile("clerk", "/api/v1/certifications?program=" + code, "fix.csv",
                fixed.getBytes(StandardCharsets.UTF_8), null).expect(201);
        assertThat(second.json().get("recorded").asInt()).isEqualTo(1);
        assertThat(second.json().get("alreadyRecorded").asInt()).as("a's certification of that day, for every "
                + "program, covers this one").isEqualTo(1);
        assertThat(certifications.withheld(code, YearMonth.of(2025, 3), List.of(a, b))).isEmpty();
        assertThat(certifications.withheld(code, YearMonth.of(2025, 4), List.of(a, b))).containsOnlyKeys(a);
        assertThat(certifications.withheld(code, YearMonth.of(2025, 5), List.of(a, b))).containsOnlyKeys(a, b);

        // Each file's releases are recorded set-wise, each caused by its own certification: a's 14 months (2024-02 …
        // 2025-03) and b's 15 (2024-02 … 2025-04), 120.00 each.
        eventually(() -> get("inspector", "/api/v1/arrears?program=" + code).json().path("total").asInt() == 29);
        JsonNode arrears = get("inspector", "/api/v1/arrears?program=" + code).json();
        assertThat(arrears.get("totals").get("open").asText()).isEqualTo("3480.00");
        for (String id : List.of(a, b)) {
            JsonNode own = get("inspector", "/api/v1/arrears?program=" + code + "&recipient=" + id).json();
            List<String> months = new ArrayList<>();
            java.util.Set<String> causes = new java.util.HashSet<>();
            own.get("items").forEach(item -> {
                months.add(item.get("month").asText());
                causes.add(item.get("cause").asText() + " " + item.get("causeRef").asText());
                assertThat(item.get("difference").asText()).isEqualTo("120.00");
            });
            assertThat(months).first().isEqualTo("2024-02");
            assertThat(months).last().isEqualTo(id.equals(a) ? "2025-03" : "2025-04");
            assertThat(causes).singleElement().asString().startsWith("WITHHOLDING_RELEASED ");
        }
    }

    @Test
    void theWorkListShowsThoseDueOrOverduePerRegionMaskedForAnEvaluator() {
        String code = program();
        String dueInJune = newId();
        String overdue = newId();
        String elsewhere = newId();
        String current = newId();
        enrolIn(code, "2023-01", Map.of(dueInJune, "650102", overdue, "650102", elsewhere, "650103",
                current, "650102"));
        certify("clerk", dueInJune, "{\"certifiedOn\":\"2024-06-15\",\"method\":\"FACE\"}").expect(201);
        certify("clerk", current, "{\"certifiedOn\":\"2025-02-10\",\"method\":\"HOME_VISIT\"}").expect(201);
        String path = "/api/v1/certifications/due?program=" + code + "&month=2025-06";
        eventually(() -> get("clerk", path).json().path("total").asLong() == 3);
        JsonNode all = get("clerk", path).expect(200).json();
        assertThat(ids(all)).containsExactly(overdue, elsewhere, dueInJune); // oldest baseline first
        JsonNode first = all.get("items").get(0);
        assertThat(first.get("overdue").asBoolean()).isTrue();
        assertThat(first.get("withheldFrom").asText()).isEqualTo("2024-02");
        assertThat(first.get("lastCertifiedOn").isNull()).isTrue();
        JsonNode june = all.get("items").get(2);
        assertThat(june.get("overdue").asBoolean()).isFalse();
        assertThat(june.get("dueDate").asText()).isEqualTo("2025-06-15");
        assertThat(june.get("lastMethod").asText()).isEqualTo("FACE");

        assertThat(ids(get("clerk", path + "&region=650102").expect(200).json()))
                .containsExactly(overdue, dueInJune);
        assertThat(ids(get("clerk-650102", path).expect(200).json())).containsExactly(overdue, dueInJune);
        get("clerk-650102", path + "&region=650103").expectProblem(404, "NOT_FOUND");
        JsonNode masked = get("evaluator", path + "&size=2").expect(200).json();
        assertThat(masked.get("total").asLong()).isEqualTo(3);
        assertThat(masked.get("items")).hasSize(2);
        masked.get("items").forEach(item -> {
            assertThat(item.get("recipientId").asText()).contains("********");
            assertThat(item.get("name").asText()).endsWith("*");
        });
        assertThat(masked.toString()).doesNotContain(overdue).doesNotContain(name(overdue));
        get("clerk", "/api/v1/certifications/due?program=NOPE&month=2025-06").expectProblem(404, "UNKNOWN_PROGRAM");
    }

    @Test
    void certificationRateCountsThoseCurrentAsOfTheMoment() {
        String code = program();
        String a = newId();
        String b = newId();
        String c = newId();
        String d = newId();
        enrolIn(code, "2023-01", Map.of(a, "650102", b, "650102", c, "650103", d, "650103"));
        String year = String.valueOf(BusinessDates.today().getYear());
        String indicators = "/api/v1/programs/" + code + "/indicators?year=" + year;
        eventually(() -> rate(indicators).path("denominator").asText().equals("4"));
        Instant before = Instant.now();
        String recent = BusinessDates.today().minusMonths(2).toString();
        certify("clerk", a, "{\"certifiedOn\":\"" + recent + "\",\"method\":\"FACE\"}").expect(201);
        certify("clerk", c, "{\"certifiedOn\":\"" + recent + "\",\"method\":\"COMMUNITY\"}").expect(201);
        eventually(() -> rate(indicators).path("numerator").asText().equals("2"));
        assertFigure(figures(indicators), "certificationRate", "2", "4", "0.5000");
        assertFigure(figures(indicators + "&asOf=" + before), "certificationRate", "0", "4", "0.0000");
        assertFigure(figures(indicators + "&region=650103"), "certificationRate", "1", "2", "0.5000");
        JsonNode basis = get("auditor", "/api/v1/programs/" + code + "/indicators/certificationRate/basis?year="
                + year + "&side=numerator").expect(200).json();
        assertThat(basis.get("count").asLong()).isEqualTo(2);
        assertThat(basis.get("rows").get("items").get(0).get("recipient_id").asText()).contains("********");
        // a program without certification has no such figure
        String plain = newProgram("NOCERT");
        eventually(() -> get("evaluator", "/api/v1/programs/" + plain + "/indicators?year=" + year).status() == 200);
        assertThat(figures("/api/v1/programs/" + plain + "/indicators?year=" + year).get("certificationRate")
                .get("value").isNull()).isTrue();
    }

    /**
     * 2024, certifying every 12 months: a (650102) and b (650103), enrolled from 2023-01 and never certified, are due
     * 2024-01-01 and withheld from February; d, enrolled from 2024-01, is paid in January and February. Through
     * February: 2 person-months withheld (240.00). a certifies on 2024-03-05 (recorded now): February becomes an
     * arrear, no longer withheld — 1 left (b), and still 2 as of before.
     */
    @Test
    void withheldPersonMonthsCountsTheMonthsAnOverdueCertificationWithholds() {
        String code = program();
        String a = newId();
        String b = newId();
        String d = newId();
        enrolIn(code, "2023-01", Map.of(a, "650102", b, "650103"));
        enrolIn(code, "2024-01", Map.of(d, "650102"));
        String january = post("clerk", batches(code, "2024-01"), lines(line(a, "120.00"), line(b, "120.00"),
                line(d, "120.00")), null).expect(201).json().get("batchId").asText();
        approveAndDisburse(january, "2024-01-20");
        Answer february = post("clerk", batches(code, "2024-02"), lines(line(a, "120.00"), line(b, "120.00"),
                line(d, "120.00")), null).expect(201);
        assertThat(february.json().get("rejected").findValuesAsText("code")).containsExactly("WITHHELD", "WITHHELD");
        approveAndDisburse(february.json().get("batchId").asText(), "2024-02-20");

        String indicators = "/api/v1/programs/" + code + "/indicators?year=2024";
        eventually(() -> get("evaluator", indicators).status() == 200
                && "4".equals(figures(indicators).get("averagePerPersonMonth").path("denominator").asText()));
        assertFigure(figures(indicators), "withheldPersonMonths", "2", null, "2");
        assertFigure(figures(indicators + "&region=650103"), "withheldPersonMonths", "1", null, "1");
        JsonNode basis = get("auditor", "/api/v1/programs/" + code
                + "/indicators/withheldPersonMonths/basis?year=2024").expect(200).json();
        assertThat(basis.get("count").asLong()).isEqualTo(2);
        basis.get("rows").get("items").forEach(row -> {
            assertThat(row.get("months").toString()).isEqualTo("[\"2024-02\"]");
            assertThat(row.get("due").asText()).isEqualTo("120.00");
        });

        Instant before = Instant.now();
        certify("clerk", a, "{\"program\":\"" + code + "\",\"certifiedOn\":\"2024-03-05\",\"method\":\"FACE\"}")
                .expect(201);
        eventually(() -> "1".equals(figures(indicators).get("withheldPersonMonths").path("value").asText()));
        assertFigure(figures(indicators + "&region=650102"), "withheldPersonMonths", "0", null, "0");
        assertFigure(figures(indicators + "&asOf=" + before), "withheldPersonMonths", "2", null, "2");
    }

    @Test
    void aRecipientOutsideTheScopeIsNotFound() {
        String code = program();
        String outside = newId();
        enrolIn(code, "2023-01", Map.of(outside, "650103"));
        certify("clerk-650102", outside, "{\"certifiedOn\":\"2024-06-15\",\"method\":\"FACE\"}")
                .expectProblem(404, "UNKNOWN_RECIPIENT");
        get("clerk-650102", "/api/v1/recipients/" + outside).expectProblem(404, "UNKNOWN_RECIPIENT");
        String csv = "身份证号,姓名,认证日期,认证方式\n" + outside + "," + name(outside) + ",2024-06-15,FACE\n";
        JsonNode file = postFile("clerk-650102", "/api/v1/certifications", "scope.csv",
                csv.getBytes(StandardCharsets.UTF_8), null).expect(201).json();
        assertThat(file.get("rejected").get(0).get("code").asText()).isEqualTo("OUT_OF_SCOPE");
        assertThat(file.get("recorded").asInt()).isZero();
    }

    /** The certificationRate figure of the table, or a missing node while the read models catch up. */
    private JsonNode rate(String indicators) {
        Answer table = get("evaluator", indicators);
        if (table.status() != 200) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        for (JsonNode figure : table.json().get("indicators")) {
            if (figure.get("key").asText().equals("certificationRate")) {
                return figure;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.get("items").forEach(item -> ids.add(item.get("recipientId").asText()));
        return ids;
    }
}
