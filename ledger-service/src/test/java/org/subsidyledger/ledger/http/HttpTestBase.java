package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.subsidyledger.ledger.demo.UrumqiYear2023;

/**
 * End-to-end tests: the whole application on a random port, over HTTP, on an embedded PostgreSQL (a throw-away
 * data directory), with the demo users (the {@code demo} profile) but without its demo data. One application context is
 * shared by every test class.
 */
@ActiveProfiles("demo")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ledger.embedded-postgres.data-directory=",
        "logging.structured.format.console=",
        // the demo profile would fill the empty database with 乌鲁木齐 2023: DemoDataHttpTest alone turns it on
        "ledger.demo-data.enabled=false",
        // a user of its own for the password-guessing test, so no other test's user gets locked
        "ledger.security.users[0].name=lockout.probe", "ledger.security.users[0].password={noop}right-password",
        "ledger.security.users[0].roles[0]=AUDITOR", "ledger.security.login.lock=3s",
        // one user per role scoped to another province (广东, 44), for the access matrix
        "ledger.security.users[1].name=other-clerk", "ledger.security.users[1].password={noop}demo",
        "ledger.security.users[1].roles[0]=CLERK", "ledger.security.users[1].regions[0]=44",
        "ledger.security.users[2].name=other-reviewer", "ledger.security.users[2].password={noop}demo",
        "ledger.security.users[2].roles[0]=REVIEWER", "ledger.security.users[2].regions[0]=44",
        "ledger.security.users[3].name=other-finance", "ledger.security.users[3].password={noop}demo",
        "ledger.security.users[3].roles[0]=FINANCE", "ledger.security.users[3].regions[0]=44",
        "ledger.security.users[4].name=other-inspector", "ledger.security.users[4].password={noop}demo",
        "ledger.security.users[4].roles[0]=INSPECTOR", "ledger.security.users[4].regions[0]=44",
        "ledger.security.users[5].name=other-evaluator", "ledger.security.users[5].password={noop}demo",
        "ledger.security.users[5].roles[0]=EVALUATOR", "ledger.security.users[5].regions[0]=44",
        "ledger.security.users[6].name=other-auditor", "ledger.security.users[6].password={noop}demo",
        "ledger.security.users[6].roles[0]=AUDITOR", "ledger.security.users[6].regions[0]=44",
        "ledger.security.users[7].name=other-admin", "ledger.security.users[7].password={noop}demo",
        "ledger.security.users[7].roles[0]=ADMIN", "ledger.security.users[7].regions[0]=44",
        // scoped users the demo does not have: a district's finance and auditor, and the city's finance by its code
        "ledger.security.users[8].name=finance-650102", "ledger.security.users[8].password={noop}demo",
        "ledger.security.users[8].roles[0]=FINANCE", "ledger.security.users[8].regions[0]=650102",
        "ledger.security.users[9].name=auditor-650103", "ledger.security.users[9].password={noop}demo",
        "ledger.security.users[9].roles[0]=AUDITOR", "ledger.security.users[9].regions[0]=650103",
        "ledger.security.users[10].name=finance-city", "ledger.security.users[10].password={noop}demo",
        "ledger.security.users[10].roles[0]=FINANCE", "ledger.security.users[10].regions[0]=650100"})
abstract class HttpTestBase {

    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    /** An HTTP answer: status, JSON body (or null) and the raw text. */
    protected record Answer(int status, JsonNode json, String text, HttpResponse<String> raw) {
        String code() {
            return json == null || json.get("code") == null ? null : json.get("code").asText();
        }

        Answer expect(int expectedStatus) {
            assertThat(status).as("status of %s", text).isEqualTo(expectedStatus);
            return this;
        }

        Answer expectProblem(int expectedStatus, String expectedCode) {
            expect(expectedStatus);
            assertThat(raw.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
            assertThat(code()).as("code of %s", text).isEqualTo(expectedCode);
            return this;
        }
    }

    protected Answer get(String user, String path) {
        return send(request(user, path).GET().build());
    }

    protected Answer post(String user, String path, String json) {
        return post(user, path, json, null);
    }

    protected Answer post(String user, String path, String json, String idempotencyKey) {
        HttpRequest.Builder builder = request(user, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        return send(builder.build());
    }

    protected Answer put(String user, String path, String json) {
        return send(request(user, path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
    }

    protected Answer delete(String user, String path) {
        return send(request(user, path).DELETE().build());
    }

    /** Posts {@code content} as the multipart part {@code file}. */
    protected Answer postFile(String user, String path, String fileName, byte[] content, String idempotencyKey) {
        return postFile(user, path, fileName, content, idempotencyKey, null);
    }

    /** Posts {@code content} as the multipart part {@code file}, asking for answers in {@code acceptLanguage}. */
    protected Answer postFile(String user, String path, String fileName, byte[] content, String idempotencyKey,
                              String acceptLanguage) {
        String boundary = "----ledger" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(content);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest.Builder builder = request(user, path)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        if (acceptLanguage != null) {
            builder.header("Accept-Language", acceptLanguage);
        }
        return send(builder.build());
    }

    protected HttpRequest.Builder request(String user, String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(120));
        if (user != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
        }
        return builder;
    }

    protected Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json = null;
            if (response.body() != null && !response.body().isBlank()) {
                try {
                    json = JSON.readTree(response.body());
                } catch (IOException notJson) {
                    // keep json null; the text is still there
                }
            }
            return new Answer(response.statusCode(), json, response.body(), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET whose body is binary (an XLSX export). */
    protected HttpResponse<byte[]> getBytes(String user, String path) {
        try {
            return CLIENT.send(request(user, path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Enters every qualitative item of the 乌鲁木齐 rubric at full marks, with a reason, as the evaluator. */
    protected void enterUrumqiQualitativeScores(String code, String reason) {
        for (UrumqiYear2023.Score item : UrumqiYear2023.QUALITATIVE_SCORES) {
            post("evaluator", "/api/v1/programs/" + code + "/evaluations/2023/scores", "{\"item\":\"" + item.item()
                    + "\",\"score\":\"" + item.points() + "\",\"reason\":\"" + reason + "\"}").expect(201);
        }
    }

    /**
     * {@code code} shows the 乌鲁木齐 2023 program-year ({@link UrumqiYear2023}) with the figures of the seed report —
     * once the read models have caught up, waited for up to {@code wait} — and its evaluation, complete, scores as
     * the report did: 99.05 优.
     */
    protected void assertUrumqi2023Figures(String code, Duration wait) {
        String indicators = "/api/v1/programs/" + code + "/indicators?year=2023";
        eventually(wait, () -> "21399960.00".equals(figures(indicators).get("budgetExecutionRate").path("numerator")
                .asText()) && "178333".equals(figures(indicators).get("dueCoverageRate").path("denominator").asText()));
        java.util.Map<String, JsonNode> figures = figures(indicators);
        assertFigure(figures, "fundsArrivalRate", "21400000.00", "23520000.00", "0.9099");
        assertFigure(figures, "budgetExecutionRate", "21399960.00", "21400000.00", "1.0000");
        assertFigure(figures, "yearEndRecipientCompletionRate", "14390", "16000", "0.8994");
        assertFigure(figures, "recipientCompletionRate", "15333", "16000", "0.9583");
        assertFigure(figures, "payoutCompletionRate", "12", "12", "1.0000");
        assertFigure(figures, "fullPaymentRate", "178333", "178333", "1.0000");
        assertFigure(figures, "dueCoverageRate", "178333", "178333", "1.0000");
        assertFigure(figures, "onTimeRate", "12", "12", "1.0000");
        assertFigure(figures, "averagePerPersonMonth", "21399960.00", "178333", "120.00");
        assertFigure(figures, "overpaymentCases.DEATH", "0", null, "0");

        String evaluation = "/api/v1/programs/" + code + "/evaluation?year=2023";
        eventually(wait, () -> get("evaluator", evaluation).json().path("complete").asBoolean());
        JsonNode table = get("auditor", evaluation).json();
        assertThat(table.get("rubricVersion").asInt()).isEqualTo(2);
        java.util.Map<String, JsonNode> items = new java.util.HashMap<>();
        table.get("items").forEach(item -> items.put(item.get("key").asText(), item));
        assertThat(items.get("fundsArrival").get("score").asText()).isEqualTo("4.55");
        assertThat(new java.math.BigDecimal(items.get("recipientsPaid").get("score").asText()))
                .isBetween(new java.math.BigDecimal("4.49"), new java.math.BigDecimal("4.50"));
        assertThat(items.get("budgetExecution").get("score").asText()).isEqualTo("5.00");
        assertThat(items.get("payoutsMade").get("score").asText()).isEqualTo("5.00");
        assertThat(items.get("fullPayment").get("score").asText()).isEqualTo("10.00");
        assertThat(items.get("timeliness").get("score").asText()).isEqualTo("10.00");
        assertThat(items.get("perCapitaStandard").get("score").asText()).isEqualTo("10.00");
        assertThat(new java.math.BigDecimal(table.get("total").asText()))
                .isBetween(new java.math.BigDecimal("99.03"), new java.math.BigDecimal("99.05"));
        assertThat(table.get("gradeLabel").asText()).isEqualTo("优");
    }

    /** The indicator table at {@code path}, keyed by figure key. */
    protected java.util.Map<String, JsonNode> figures(String path) {
        java.util.Map<String, JsonNode> figures = new java.util.HashMap<>();
        get("evaluator", path).expect(200).json().get("indicators")
                .forEach(figure -> figures.put(figure.get("key").asText(), figure));
        return figures;
    }

    /** One indicator figure (of a table keyed by figure key) has this numerator, denominator and value. */
    protected static void assertFigure(java.util.Map<String, JsonNode> figures, String key, String numerator,
                                       String denominator, String value) {
        JsonNode figure = figures.get(key);
        assertThat(figure).as(key).isNotNull();
        assertThat(text(figure.get("numerator"))).as(key + " numerator").isEqualTo(numerator);
        assertThat(text(figure.get("denominator"))).as(key + " denominator").isEqualTo(denominator);
        assertThat(text(figure.get("value"))).as(key + " value").isEqualTo(value);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    /** Creates a program with a unique code and returns the code. */
    protected String newProgram(String prefix) {
        String code = (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toUpperCase();
        post("admin", "/api/v1/programs", """
                {"code":"%s","name":"测试补贴","region":"650100","monthlyStandard":"120.00","deadlineDay":25,"reviewLevels":3}
                """.formatted(code)).expect(201);
        return code;
    }

    protected long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    /** Waits up to 30 s for the read models to show what {@code condition} checks. */
    protected static void eventually(BooleanSupplier condition) {
        eventually(Duration.ofSeconds(30), condition);
    }

    /** Waits up to {@code wait} for the read models to show what {@code condition} checks. */
    protected static void eventually(Duration wait, BooleanSupplier condition) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the read model did not catch up within " + wait.toSeconds() + " s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Builds a valid ID number from 17 digits by appending its check character. */
    protected static String validId(String seventeenDigits) {
        return org.subsidyledger.ledger.TestIds.validId(seventeenDigits);
    }

    /** The n-th synthetic valid ID number: region 650102, born 1930-01-01 plus n / 1000 days, serial n % 1000. */
    protected static String syntheticId(int n) {
        return UrumqiYear2023.syntheticId(n);
    }

    // Payout helpers shared by the batch, life-event and overpayment tests.

    /** Three review levels, finance approval and disbursement on 2023-02-20. */
    protected void approveAndDisburse(String batch) {
        approveAndDisburse(batch, "2023-02-20");
    }

    /**
     * The reviews, then finance's approval recorded on {@code disbursedOn} (a disbursement is never dated before its
     * approval), then the disbursement.
     */
    protected Answer approveAndDisburse(String batch, String disbursedOn) {
        review(batch);
        recordedOn(disbursedOn, () -> post("finance", approval(batch), "{\"decision\":\"APPROVE\"}").expect(200));
        return post("finance", disbursement(batch), "{\"disbursedOn\":\"" + disbursedOn + "\"}").expect(200);
    }

    /**
     * Runs {@code call} as if on {@code date} (09:00 in Asia/Shanghai): the events it records carry that recorded
     * time. Tests that rebuild a past year through the API (2023's batches) record each finance approval on the day
     * it happened, as the disbursement-date rule requires; the recorded time is Axon's event clock, moved here for
     * the one call and restored, never by the service.
     */
    protected static <T> T recordedOn(String date, java.util.function.Supplier<T> call) {
        java.time.Clock before = org.axonframework.eventhandling.GenericEventMessage.clock;
        org.axonframework.eventhandling.GenericEventMessage.clock = java.time.Clock.fixed(java.time.LocalDate
                .parse(date).atTime(9, 0).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant(),
                java.time.ZoneOffset.UTC);
        try {
            return call.get();
        } finally {
            org.axonframework.eventhandling.GenericEventMessage.clock = before;
        }
    }

    /**
     * Posts, approves and disburses on the 20th a batch of {@code code} for {@code month} of 2023 paying 120.00 to each
     * recipient; answers the disbursement with the batch id added.
     */
    protected Answer payMonth(String code, int month, java.util.List<String> recipients) {
        String[] lines = recipients.stream().map(id -> line(id, "120.00")).toArray(String[]::new);
        String batch = post("clerk", batches(code, "2023-%02d".formatted(month)), lines(lines), null).expect(201)
                .json().get("batchId").asText();
        Answer done = approveAndDisburse(batch, "2023-%02d-20".formatted(month));
        ((com.fasterxml.jackson.databind.node.ObjectNode) done.json()).put("batchId", batch);
        return done;
    }

    /**
     * Retracts or corrects ({@code change}: {@code retraction} or {@code correction}) a fact behind a live
     * overpayment case: proposed by {@code proposer} (202, nothing changes), approved by {@code approver}; answers
     * the approval, which tells what the change did as a direct one would.
     */
    protected Answer changeFactApproved(String proposer, String approver, String factId, String change,
                                        String body) {
        Answer proposed = post(proposer, "/api/v1/facts/" + factId + "/" + change, body).expect(202);
        assertThat(proposed.json().get("change").asText()).isEqualTo("PROPOSED");
        assertThat(proposed.json().get("overpayments")).as("a proposal changes no case").isEmpty();
        Answer approved = post(approver, "/api/v1/facts/" + factId + "/changes/"
                + proposed.json().get("changeId").asText() + "/approval",
                "{\"decision\":\"APPROVE\",\"comment\":\"复核同意\"}").expect(200);
        assertThat(approved.json().get("change").asText()).isEqualTo("APPROVED");
        return approved;
    }

    /** Proposes the cancellation of a case ({@code proposer}) and has {@code approver} approve it. */
    protected Answer cancelApproved(String proposer, String approver, String caseId, String reason) {
        Answer proposed = post(proposer, "/api/v1/overpayments/" + caseId + "/cancellation",
                "{\"reason\":\"" + reason + "\"}").expect(201);
        assertThat(proposed.json().get("cancellation").asText()).isEqualTo("PROPOSED");
        return post(approver, "/api/v1/overpayments/" + caseId + "/cancellations/"
                + proposed.json().get("cancellationId").asText() + "/approval",
                "{\"decision\":\"APPROVE\",\"comment\":\"复核同意\"}").expect(200);
    }

    /**
     * Enrols two recipients in {@code code}, pays them January to April 2023 (120.00 each), and suspends the first
     * 2023-01-05 to 2023-03-10: answers the case opened, February and March, 240.00 (rule 14's tests).
     */
    protected String suspensionCase(String code, int person, int other) {
        enrol(code, "2023-01", person, other);
        for (int month = 1; month <= 4; month++) {
            payMonth(code, month, java.util.List.of(syntheticId(person), syntheticId(other)));
        }
        String caseId = post("inspector", "/api/v1/recipients/" + syntheticId(person) + "/suspensions",
                "{\"kind\":\"IMPRISONMENT\",\"from\":\"2023-01-05\",\"to\":\"2023-03-10\",\"source\":\"司法\"}")
                .expect(201).json().get("overpayments").get(0).get("caseId").asText();
        eventually(() -> get("inspector", "/api/v1/overpayments/" + caseId).status() == 200);
        return caseId;
    }

    /** A notice dated {@code generatedOn}, delivered in person on {@code deliveredOn}; answers its id. */
    protected String noticeDelivered(String caseId, String generatedOn, String deliveredOn) {
        String notices = "/api/v1/overpayments/" + caseId + "/notices";
        String noticeId = recordedOn(generatedOn, () -> post("inspector", notices, "{}").expect(201)).json()
                .get("noticeId").asText();
        post("inspector", notices + "/" + noticeId + "/delivery",
                "{\"deliveredOn\":\"" + deliveredOn + "\",\"method\":\"IN_PERSON\"}").expect(200);
        return noticeId;
    }

    /** Three review levels, each by another reviewer. */
    protected void review(String batch) {
        post("reviewer1", reviews(batch), review(1, "APPROVE")).expect(200);
        post("reviewer2", reviews(batch), review(2, "APPROVE")).expect(200);
        post("reviewer3", reviews(batch), review(3, "APPROVE")).expect(200);
    }

    protected JsonNode balance(String recipientId, String program) {
        for (JsonNode balance : get("auditor", "/api/v1/recipients/" + recipientId).json().path("programs")) {
            if (balance.get("program").asText().equals(program)) {
                return balance;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    protected void enrol(String code, String from, int... recipients) {
        StringBuilder body = new StringBuilder("{\"effectiveFrom\":\"" + from + "\",\"recipients\":[");
        for (int i = 0; i < recipients.length; i++) {
            body.append(i == 0 ? "" : ",").append("{\"id\":\"").append(syntheticId(recipients[i]))
                    .append("\",\"name\":\"受益人").append(recipients[i]).append("\",\"region\":\"650102\"}");
        }
        post("clerk", "/api/v1/programs/" + code + "/enrolments", body.append("]}").toString()).expect(201);
    }

    /** Records a not-due period the way the life-event facts will (a death from the next month on). */
    protected static String line(String id, String amount) {
        return "{\"recipientId\":\"" + id + "\",\"name\":\"受益人\",\"amount\":\"" + amount + "\"}";
    }

    protected static String lines(String... lines) {
        return "{\"lines\":[" + String.join(",", lines) + "]}";
    }

    protected static String review(int level, String decision) {
        return "{\"level\":" + level + ",\"decision\":\"" + decision + "\"}";
    }

    protected static String batches(String code, String period) {
        return "/api/v1/programs/" + code + "/batches?period=" + period;
    }

    protected static String reviews(String batch) {
        return "/api/v1/batches/" + batch + "/reviews";
    }

    protected static String approval(String batch) {
        return "/api/v1/batches/" + batch + "/approval";
    }

    protected static String disbursement(String batch) {
        return "/api/v1/batches/" + batch + "/disbursement";
    }

    protected static String returns(String batch) {
        return "/api/v1/batches/" + batch + "/returns";
    }
}
