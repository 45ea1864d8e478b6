package org.subsidyledger.ledger.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The service as an operator runs it: the packaged jar, started as a process with only {@code SPRING_DATASOURCE_*}
 * (and the Flyway owner) in its environment, against a PostgreSQL server this test starts itself and reaches by
 * URL — never through the embedded configuration. Migrations run as the owner role; the service runs as an
 * application role created with the SQL of docs/operations.md, which may not change the event store.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExternalDatabaseIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String USERS_PASSWORD = "s3cret-Pa55";

    /** The roles of docs/operations.md, "Your own PostgreSQL", as an operator's DBA would run it. */
    static final String CREATE_ROLES_SQL = """
            CREATE ROLE ledger_owner LOGIN PASSWORD 'owner-pw';
            CREATE ROLE ledger_app LOGIN PASSWORD 'app-pw' NOSUPERUSER NOCREATEDB NOCREATEROLE;
            CREATE DATABASE ledger OWNER ledger_owner;
            """;

    private static EmbeddedPostgres server;
    private static int pgPort;
    private static Path pgData;
    private static Process service;
    private static int port;
    private static Path log;

    @BeforeAll
    static void startServerAndService() throws Exception {
        pgPort = freePort();
        pgData = Files.createTempDirectory("ledger-external-pg");
        server = startServer();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String sql : CREATE_ROLES_SQL.split(";")) {
                if (!sql.isBlank()) {
                    s.execute(sql);
                }
            }
        }
        port = freePort();
        log = Files.createTempFile("ledger-external", ".log");
        Map<String, String> environment = new java.util.HashMap<>(operatorEnvironment());
        environment.putAll(users());
        service = start(environment, log);
        awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.destroy();
            service.waitFor(60, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void runsAFullFlowThroughHttpOnAnOperatorsDatabase() throws Exception {
        String code = "EXT-" + System.nanoTime() % 100000;
        send("admin", "POST", "/api/v1/programs", """
                {"code":"%s","name":"外部数据库测试","region":"650100","monthlyStandard":"120.00","deadlineDay":25,"reviewLevels":3}
                """.formatted(code), 201);
        send("admin", "PUT", "/api/v1/programs/" + code + "/plans/2023",
                "{\"plannedRecipients\":3,\"plannedPayouts\":12,\"budget\":\"4320.00\"}", 200);
        String[] ids = {"11010519491231002X", validId("65010219400101001"), validId("65010219400101002")};
        StringBuilder enrol = new StringBuilder("{\"effectiveFrom\":\"2023-01\",\"recipients\":[");
        for (int i = 0; i < ids.length; i++) {
            enrol.append(i == 0 ? "" : ",").append("{\"id\":\"").append(ids[i]).append("\",\"name\":\"受益人")
                    .append(i).append("\",\"region\":\"650102\"}");
        }
        send("clerk", "POST", "/api/v1/programs/" + code + "/enrolments", enrol.append("]}").toString(), 201);
        for (int month = 1; month <= 3; month++) {
            StringBuilder lines = new StringBuilder("{\"lines\":[");
            for (int i = 0; i < ids.length; i++) {
                lines.append(i == 0 ? "" : ",").append("{\"recipientId\":\"").append(ids[i])
                        .append("\",\"name\":\"受益人\",\"amount\":\"120.00\"}");
            }
            JsonNode posted = send("clerk", "POST", "/api/v1/programs/" + code + "/batches?period=2023-0" + month,
                    lines.append("]}").toString(), 201);
            assertThat(posted.get("accepted").asInt()).isEqualTo(3);
            String batch = posted.get("batchId").asText();
            for (int level = 1; level <= 3; level++) {
                send("reviewer" + level, "POST", "/api/v1/batches/" + batch + "/reviews",
                        "{\"level\":" + level + ",\"decision\":\"APPROVE\"}", 200);
            }
            send("finance", "POST", "/api/v1/batches/" + batch + "/approval", "{\"decision\":\"APPROVE\"}", 200);
            // Approved now, so disbursed today: a disbursement is never dated before its approval.
            send("finance", "POST", "/api/v1/batches/" + batch + "/disbursement",
                    "{\"disbursedOn\":\"" + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")) + "\"}",
                    200);
        }
        // A death in January learned after March: February and March are overpaid.
        send("clerk", "POST", "/api/v1/recipients/" + ids[1] + "/deaths",
                "{\"dateOfDeath\":\"2023-01-31\",\"source\":\"公安\"}", 201);

        JsonNode balance = eventually(() -> {
            JsonNode recipient = send("auditor", "GET", "/api/v1/recipients/" + ids[1], null, 200);
            for (JsonNode program : recipient.path("programs")) {
                if (program.get("program").asText().equals(code) && "240.00".equals(program.path("overpaid").asText())) {
                    return program;
                }
            }
            return null;
        });
        assertThat(balance.get("paid").asText()).isEqualTo("360.00");
        assertThat(balance.get("outstanding").asText()).isEqualTo("240.00");

        JsonNode ledger = send("inspector", "GET", "/api/v1/overpayments?program=" + code, null, 200);
        assertThat(ledger.get("total").asInt()).isEqualTo(1);
        assertThat(ledger.get("items").get(0).get("cause").asText()).isEqualTo("DEATH");

        JsonNode indicators = eventually(() -> {
            JsonNode table = send("evaluator", "GET", "/api/v1/programs/" + code + "/indicators?year=2023", null, 200);
            for (JsonNode figure : table.get("indicators")) {
                if (figure.get("key").asText().equals("payoutCompletionRate")
                        && "3".equals(figure.get("numerator").asText())) {
                    return table;
                }
            }
            return null;
        });
        assertThat(figure(indicators, "recipientCompletionRate").get("numerator").asText()).isEqualTo("3");
        // The 2023 batches were disbursed today, years after their deadlines: none is on time.
        assertThat(figure(indicators, "onTimeRate").get("numerator").asText()).isEqualTo("0");
        assertThat(figure(indicators, "onTimeRate").get("denominator").asText()).isEqualTo("3");

        JsonNode verify = eventually(() -> {
            JsonNode answer = send("auditor", "GET", "/api/v1/audit/verify", null, 200);
            return answer.get("verified").asBoolean() ? answer : null;
        });
        assertThat(verify.get("verified").asBoolean()).isTrue();
    }

    @Test
    void theApplicationRoleCannotChangeTheEventStoreTheChainOrTheAppendOnlyIndexes() throws Exception {
        eventually(() -> count("SELECT count(*) FROM event_chain") > 0 ? true : null);
        try (Connection app = DriverManager.getConnection(jdbcUrl(), "ledger_app", "app-pw");
             Statement s = app.createStatement()) {
            for (String table : List.of("domain_event_entry", "event_chain", "enrolment_index",
                    "batch_disbursement_index", "program_registry", "idempotent_request")) {
                for (String change : List.of("UPDATE " + table + " SET " + firstColumn(table) + " = "
                        + firstColumn(table), "DELETE FROM " + table, "TRUNCATE " + table)) {
                    assertThatThrownBy(() -> s.execute(change)).as(change).isInstanceOf(SQLException.class)
                            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
                }
            }
            assertThatThrownBy(() -> s.execute("ALTER TABLE domain_event_entry DISABLE TRIGGER ALL"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.execute("CREATE TABLE intruder (id int)")).isInstanceOf(SQLException.class);
            var rs = s.executeQuery("SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user");
            rs.next();
            assertThat(List.of(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3))).containsOnly(false);
        }
        assertThat(count("SELECT count(*) FROM token_entry WHERE owner IS NOT NULL")).as("segments claimed").isPositive();
    }

    @Test
    void refusesToStartWithoutUsersAndSaysHowToConfigureThem() throws Exception {
        Path failedLog = Files.createTempFile("ledger-no-users", ".log");
        Map<String, String> environment = new java.util.HashMap<>(operatorEnvironment());
        environment.put("PORT", String.valueOf(freePort()));
        Process refused = start(environment, failedLog);
        assertThat(refused.waitFor(180, TimeUnit.SECONDS)).as("the service exits").isTrue();
        assertThat(refused.exitValue()).isNotZero();
        String output = Files.readString(failedLog);
        assertThat(output).contains("No users are configured").contains("LEDGER_SECURITY_USERS_0_NAME")
                .contains("SPRING_PROFILES_ACTIVE=demo");
    }

    @Test
    void infoTellsTheBuildAndCommitButNotTheJvm() throws Exception {
        JsonNode info = send(null, "GET", "/actuator/info", null, 200);
        assertThat(info.path("build").path("version").asText()).isNotBlank();
        assertThat(info.has("java")).isFalse();
        assertThat(info.has("os")).isFalse();
        HttpResponse<String> metrics = raw(null, "GET", "/actuator/prometheus", null);
        assertThat(metrics.statusCode()).as("metrics need credentials").isEqualTo(401);
        HttpResponse<String> scraped = raw("admin", "GET", "/actuator/prometheus", null);
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).contains("http_server_requests");
    }

    @Test
    @Order(Integer.MAX_VALUE - 1)
    void theWriteIndexRebuildCommandRefusesTheApplicationRoleAndRebuildsAsTheOwnerWhileTheServiceRuns()
            throws Exception {
        long lines = count("SELECT count(*) FROM payout_line_index");
        assertThat(lines).as("the full flow paid lines").isPositive();

        Path asApp = Files.createTempFile("ledger-rebuild-app", ".log");
        Process refused = start(operatorEnvironment(), asApp, "rebuild-write-indexes");
        assertThat(refused.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.exitValue()).isEqualTo(1);
        assertThat(Files.readString(asApp)).contains("must run as the database owner");
        assertThat(count("SELECT count(*) FROM payout_line_index")).as("nothing changed").isEqualTo(lines);

        Map<String, String> owner = new java.util.HashMap<>(operatorEnvironment());
        owner.put("SPRING_DATASOURCE_USERNAME", "ledger_owner");
        owner.put("SPRING_DATASOURCE_PASSWORD", "owner-pw");
        Path asOwner = Files.createTempFile("ledger-rebuild-owner", ".log");
        Process rebuilt = start(owner, asOwner, "rebuild-write-indexes");
        assertThat(rebuilt.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(rebuilt.exitValue()).as(Files.readString(asOwner)).isZero();
        assertThat(Files.readString(asOwner)).contains("write-side indexes rebuilt from").doesNotContain("Tomcat started");
        assertThat(count("SELECT count(*) FROM payout_line_index")).isEqualTo(lines);
        assertThat(service.isAlive()).isTrue();
        JsonNode reconciliation = eventually(() -> {
            JsonNode report = send("admin", "GET", "/api/v1/operations/reconciliation", null, 200);
            return report.get("agrees").asBoolean() ? report : null;
        });
        assertThat(reconciliation.get("differences")).isEmpty();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void answers503WithRetryAfterWhileTheDatabaseIsDownAndRecoversByItself() throws Exception {
        server.close();
        String program = """
                {"code":"DOWN-1","name":"数据库重启","region":"650100","monthlyStandard":"120.00","deadlineDay":25,"reviewLevels":3}
                """;
        HttpResponse<String> read = raw("auditor", "GET", "/api/v1/programs", null);
        HttpResponse<String> write = raw("admin", "POST", "/api/v1/programs", program);
        for (HttpResponse<String> answer : List.of(read, write)) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(JSON.readTree(answer.body()).get("code").asText()).isEqualTo("DATABASE_UNAVAILABLE");
        }
        server = startServer();
        eventually(() -> raw("auditor", "GET", "/api/v1/programs", null).statusCode() == 200 ? true : null);
        send("admin", "POST", "/api/v1/programs", program, 201);
        assertThat(service.isAlive()).isTrue();
    }

    /** A server of its own on a fixed port and data directory, so that it can be restarted. */
    private static EmbeddedPostgres startServer() throws IOException {
        return EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").setPort(pgPort)
                .setDataDirectory(pgData).setCleanDataDirectory(false).start();
    }

    // The process and the environment an operator gives it.

    private static Map<String, String> operatorEnvironment() {
        return Map.of("SPRING_DATASOURCE_URL", jdbcUrl(),
                "SPRING_DATASOURCE_USERNAME", "ledger_app",
                "SPRING_DATASOURCE_PASSWORD", "app-pw",
                "SPRING_FLYWAY_USER", "ledger_owner",
                "SPRING_FLYWAY_PASSWORD", "owner-pw",
                "LEDGER_LOG_FORMAT", "",
                "AXONIQ_UPDATE_CHECKER_DISABLED", "true");
    }

    /** Configured users (not the demo profile), one per role the flow needs. */
    private static Map<String, String> users() {
        Map<String, String> users = new java.util.HashMap<>();
        String[][] roles = {{"admin", "ADMIN"}, {"clerk", "CLERK"}, {"reviewer1", "REVIEWER"},
                {"reviewer2", "REVIEWER"}, {"reviewer3", "REVIEWER"}, {"finance", "FINANCE"},
                {"inspector", "INSPECTOR"}, {"evaluator", "EVALUATOR"}, {"auditor", "AUDITOR"}};
        for (int i = 0; i < roles.length; i++) {
            users.put("LEDGER_SECURITY_USERS_" + i + "_NAME", roles[i][0]);
            users.put("LEDGER_SECURITY_USERS_" + i + "_PASSWORD", "{noop}" + USERS_PASSWORD);
            users.put("LEDGER_SECURITY_USERS_" + i + "_ROLES_0", roles[i][1]);
        }
        users.put("PORT", String.valueOf(port));
        return users;
    }

    private static Process start(Map<String, String> environment, Path output, String... arguments)
            throws IOException {
        String jar = System.getProperty("ledger.jar", "target/ledger-service.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-jar", jar));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("SPRING_") || k.startsWith("LEDGER_"));
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new AssertionError("the service exited: " + Files.readString(log));
            }
            try {
                if (raw(null, "GET", "/actuator/health/readiness", null).statusCode() == 200) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the service did not become ready: " + Files.readString(log));
    }

    private static String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/ledger";
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl(), "ledger_owner", "owner-pw");
             Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String firstColumn(String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl(), "ledger_owner", "owner-pw");
             var ps = c.prepareStatement("SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                     + "ORDER BY ordinal_position LIMIT 1")) {
            ps.setString(1, table);
            var rs = ps.executeQuery();
            rs.next();
            return rs.getString(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static JsonNode figure(JsonNode table, String key) {
        for (JsonNode figure : table.get("indicators")) {
            if (figure.get("key").asText().equals(key)) {
                return figure;
            }
        }
        throw new AssertionError("no figure " + key + " in " + table);
    }

    private interface Probe<T> {
        T get() throws Exception;
    }

    private static <T> T eventually(Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the read models did not catch up within 30 s");
            }
            Thread.sleep(100);
        }
    }

    private static JsonNode send(String user, String method, String path, String body, int expected) {
        HttpResponse<String> response = raw(user, method, path, body);
        assertThat(response.statusCode()).as("%s %s → %s", method, path, response.body()).isEqualTo(expected);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(response.body(), e);
        }
    }

    private static HttpResponse<String> raw(String user, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + USERS_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String validId(String seventeenDigits) {
        return org.subsidyledger.ledger.TestIds.validId(seventeenDigits);
    }
}
