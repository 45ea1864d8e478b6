import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Enrols N recipients (default 300,000) from one CSV file through the public HTTP API of a running ledger and
 * reports the time until the POST returns (events durable) and until the read model shows them all.
 *
 * Usage: java bench/EnrolmentBench.java [baseUrl] [rows]
 */
public class EnrolmentBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static String base;

    public static void main(String[] args) throws Exception {
        base = args.length > 0 ? args[0] : "http://localhost:8080";
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
        String program = "BENCH-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();

        send("admin", "POST", "/api/v1/programs", "application/json",
                ("{\"code\":\"" + program + "\",\"name\":\"基准测试\",\"region\":\"650100\","
                        + "\"monthlyStandard\":\"120.00\",\"deadlineDay\":25,\"reviewLevels\":3}")
                        .getBytes(StandardCharsets.UTF_8), 201);

        long t0 = System.nanoTime();
        byte[] csv = csv(rows);
        System.out.printf("generated %,d rows (%,d bytes) in %.2f s%n", rows, csv.length, seconds(t0));

        String boundary = "----bench" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(csv);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

        long post = System.nanoTime();
        String answer = send("clerk", "POST", "/api/v1/programs/" + program + "/enrolments?effectiveFrom=2023-01",
                "multipart/form-data; boundary=" + boundary, body.toByteArray(), 201);
        double postSeconds = seconds(post);
        System.out.printf("POST returned after %.2f s: %s%n", postSeconds, answer);

        long wait = System.nanoTime();
        Pattern enrolled = Pattern.compile("\"enrolled\":(\\d+)");
        while (true) {
            Matcher m = enrolled.matcher(send("auditor", "GET", "/api/v1/programs/" + program, null, null, 200));
            if (m.find() && Long.parseLong(m.group(1)) >= rows) {
                break;
            }
            if (seconds(wait) > 600) {
                throw new IllegalStateException("read model did not catch up within 10 minutes");
            }
            Thread.sleep(100);
        }
        double catchUp = seconds(wait);
        System.out.printf("read model caught up %.2f s after the POST returned%n", catchUp);
        System.out.printf("RESULT rows=%d post_s=%.2f catch_up_s=%.2f rows_per_s=%.0f%n",
                rows, postSeconds, catchUp, rows / postSeconds);
    }

    static byte[] csv(int rows) {
        StringBuilder sb = new StringBuilder(rows * 40);
        sb.append("身份证号,姓名,行政区划\n");
        for (int n = 0; n < rows; n++) {
            sb.append(id(n)).append(",受益人").append(n).append(",650102\n");
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

    static String send(String user, String method, String path, String contentType, byte[] body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(10))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
