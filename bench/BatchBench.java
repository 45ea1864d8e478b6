import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;

/**
 * The payout benchmark of docs/performance.md, through the public HTTP API of a running ledger:
 * 1. enrols N recipients (default 300,000) from one CSV and waits for the read model;
 * 2. posts their batch for 2023-01, takes it through three reviews, finance and disbursement (one month of history);
 * 3. posts the N-line batch for 2023-02 and reports the time until the POST returns (events durable) and until the
 *    batch read model shows every line;
 * 4. on the same database, times a raw COPY of N event-shaped rows into a scratch table: the physical floor.
 *
 * Usage: java -cp postgresql.jar bench/BatchBench.java baseUrl jdbcUrl [rows]
 */
public class BatchBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static String base;
    static final String TODAY = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();

    public static void main(String[] args) throws Exception {
        base = args[0];
        String jdbcUrl = args[1];
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 300_000;
        String program = "BENCH-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        send("admin", "POST", "/api/v1/programs", "application/json",
                ("{\"code\":\"" + program + "\",\"name\":\"基准测试\",\"region\":\"650100\","
                        + "\"monthlyStandard\":\"120.00\",\"deadlineDay\":25,\"reviewLevels\":3}").getBytes(StandardCharsets.UTF_8), 201);

        long t = System.nanoTime();
        send("clerk", "POST", "/api/v1/programs/" + program + "/enrolments?effectiveFrom=2023-01",
                null, enrolmentCsv(rows), 201);
        System.out.printf("setup: enrolled %,d in %.2f s%n", rows, seconds(t));
        waitFor(() -> number(get("/api/v1/programs/" + program), "enrolled") >= rows);
        System.out.printf("setup: enrolment read model caught up after %.2f s%n", seconds(t));

        t = System.nanoTime();
        String january = batchId(send("clerk", "POST", "/api/v1/programs/" + program + "/batches?period=2023-01",
                null, batchCsv(rows, "2023-01"), 201));
        for (int level = 1; level <= 3; level++) {
            step("reviewer" + level, january, "reviews", "{\"level\":" + level + ",\"decision\":\"APPROVE\"}");
        }
        step("finance", january, "approval", "{\"decision\":\"APPROVE\"}");
        // Dated today: a disbursement is never dated before its finance approval, recorded just now.
        step("finance", january, "disbursement", "{\"disbursedOn\":\"" + TODAY + "\"}");
        waitFor(() -> number(get("/api/v1/batches/" + january + "/lines?state=PAID&size=1"), "total") >= rows);
        System.out.printf("setup: January posted, approved, disbursed and projected in %.2f s%n", seconds(t));

        byte[] february = batchCsv(rows, "2023-02");
        long post = System.nanoTime();
        String answer = send("clerk", "POST", "/api/v1/programs/" + program + "/batches?period=2023-02", null,
                february, 201);
        double postSeconds = seconds(post);
        String batch = batchId(answer);
        System.out.printf("POST of the %,d-line February batch returned after %.2f s: %s%n", rows, postSeconds,
                answer.length() > 300 ? answer.substring(0, 300) + "…" : answer);
        long wait = System.nanoTime();
        waitFor(() -> number(get("/api/v1/batches/" + batch + "/lines?size=1"), "total") >= rows);
        double catchUp = seconds(wait);
        System.out.printf("batch read model caught up %.2f s after the POST returned%n", catchUp);

        double copySeconds = copyFloor(jdbcUrl, rows);
        System.out.printf("raw COPY of %,d event-shaped rows: %.2f s%n", rows, copySeconds);
        System.out.printf("RESULT rows=%d post_s=%.2f catch_up_s=%.2f copy_s=%.2f post_over_copy=%.2f%n",
                rows, postSeconds, catchUp, copySeconds, postSeconds / copySeconds);
    }

    /** COPY of N rows shaped like one event per line (a ~300-byte JSON payload each) into a scratch copy of the store. */
    static double copyFloor(String jdbcUrl, int rows) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench_copy_floor");
            statement.execute("CREATE TABLE bench_copy_floor (LIKE domain_event_entry INCLUDING INDEXES)");
            StringBuilder data = new StringBuilder(rows * 600);
            String aggregate = UUID.randomUUID().toString();
            String metaData = "\\\\x" + HexFormat.of().formatHex(
                    "{\"actor\":\"clerk\",\"role\":\"CLERK\",\"requestId\":\"bench\"}".getBytes(StandardCharsets.UTF_8));
            String now = Instant.now().toString();
            for (int n = 0; n < rows; n++) {
                String payload = "{\"batchId\":\"" + aggregate + "\",\"programCode\":\"BENCH\",\"line\":" + (n + 2)
                        + ",\"recipientId\":\"" + id(n) + "\",\"name\":\"受益人" + n + "\",\"amountFen\":12000,"
                        + "\"standardFen\":12000,\"mark\":\"FULL\",\"period\":\"2023-02\"}";
                data.append(1_000_000_000L + n).append('\t').append(UUID.randomUUID()).append('\t').append(now)
                        .append('\t').append("org.subsidyledger.bench.PayoutLineRecorded").append('\t').append("1")
                        .append("\t\\\\x").append(HexFormat.of().formatHex(payload.getBytes(StandardCharsets.UTF_8)))
                        .append('\t').append(metaData).append('\t').append("Batch").append('\t').append(aggregate)
                        .append('\t').append(n).append('\n');
            }
            long t = System.nanoTime();
            connection.setAutoCommit(false);
            ((PGConnection) connection.unwrap(PGConnection.class)).getCopyAPI().copyIn("""
                    COPY bench_copy_floor (global_index, event_identifier, time_stamp, payload_type, payload_revision,
                                           payload, meta_data, type, aggregate_identifier, sequence_number)
                    FROM STDIN""", new StringReader(data.toString()));
            connection.commit();
            double seconds = seconds(t);
            connection.setAutoCommit(true);
            statement.execute("DROP TABLE bench_copy_floor");
            return seconds;
        }
    }

    static void step(String user, String batch, String step, String json) throws Exception {
        send(user, "POST", "/api/v1/batches/" + batch + "/" + step, "application/json",
                json.getBytes(StandardCharsets.UTF_8), 200);
    }

    /** Four districts of 乌鲁木齐 in turn, so that a district's figures are a quarter of the city's. */
    static final String[] DISTRICTS = {"650102", "650103", "650104", "650105"};

    static byte[] enrolmentCsv(int rows) {
        StringBuilder sb = new StringBuilder(rows * 40).append("身份证号,姓名,行政区划\n");
        for (int n = 0; n < rows; n++) {
            sb.append(id(n)).append(",受益人").append(n).append(',').append(DISTRICTS[n % DISTRICTS.length])
                    .append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] batchCsv(int rows, String month) {
        StringBuilder sb = new StringBuilder(rows * 45).append("身份证号,姓名,金额,备注\n");
        for (int n = 0; n < rows; n++) {
            sb.append(id(n)).append(",受益人").append(n).append(n % 100 == 0 ? ",100.00," : ",120.00,")
                    .append(month).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A valid ID: region 650102, born 1930-01-01 plus n / 1000 days, serial n % 1000, with its check character. */
    static String id(int n) {
        LocalDate born = LocalDate.of(1930, 1, 1).plusDays(n / 1000);
        String digits = String.format("650102%04d%02d%02d%03d", born.getYear(), born.getMonthValue(),
                born.getDayOfMonth(), n % 1000);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        return digits + "10X98765432".charAt(sum % 11);
    }

    static String batchId(String answer) {
        Matcher m = Pattern.compile("\"batchId\":\"([^\"]+)\"").matcher(answer);
        if (!m.find()) {
            throw new IllegalStateException("no batchId in " + answer);
        }
        return m.group(1);
    }

    static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    static String get(String path) {
        return get("auditor", path);
    }

    static String get(String user, String path) {
        try {
            HttpResponse<String> response = HTTP.send(request(user, path).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (seconds(start) > 600) {
                throw new IllegalStateException("the read model did not catch up within 10 minutes");
            }
            Thread.sleep(100);
        }
    }

    static HttpRequest.Builder request(String user, String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(10))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
    }

    /** JSON when contentType is given, otherwise a multipart upload of {@code body} as the file {@code bench.csv}. */
    static String send(String user, String method, String path, String contentType, byte[] body, int expected)
            throws IOException, InterruptedException {
        if (contentType == null) {
            String boundary = "----bench" + UUID.randomUUID();
            ByteArrayOutputStream multipart = new ByteArrayOutputStream();
            multipart.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; "
                    + "filename=\"bench.csv\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            multipart.write(body);
            multipart.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            body = multipart.toByteArray();
            contentType = "multipart/form-data; boundary=" + boundary;
        }
        HttpResponse<String> response = HTTP.send(request(user, path).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
