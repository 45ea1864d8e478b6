import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's pages timed as a browser asks for them (docs/performance.md, issue 16): signed in through the form
 * with a session, each page requested 20 times after one warm-up, p50 / p95 / max of the full answer. Run after
 * DeathComparisonBench has filled the ledger (a program of 300k recipients paid 12 months, 3.6M payments, ~10k
 * cases), against the same running service.
 *
 * Usage: ConsolePagesBench baseUrl program
 */
public class ConsolePagesBench {

    private static final int CALLS = 20;
    private static String base;

    public static void main(String[] args) throws Exception {
        base = args[0];
        String program = args[1];
        // the evaluation sheet needs the year's evaluation opened with its rubric (the scores entered stay missing)
        BatchBench.base = base;
        BatchBench.send("evaluator", "POST", "/api/v1/programs/" + program + "/evaluations/2023", "application/json",
                "{\"rubric\":\"urumqi-pre1995-retirees-2023\"}".getBytes(StandardCharsets.UTF_8), 200);
        Session finance = new Session("finance");
        Session clerk = new Session("clerk");
        Session district = new Session("clerk-650102");
        Session inspector = new Session("inspector");
        Session evaluator = new Session("evaluator");
        Session auditor = new Session("auditor");

        String batches = clerk.page("/console/programs/" + program + "/batches");
        List<String> batchIds = all(Pattern.compile("/console/batches/([0-9a-f-]{36})"), batches);
        String december = batchIds.get(0);
        String ledger = inspector.page("/console/overpayments?program=" + program);
        String oneCase = first(Pattern.compile("/console/overpayments/([0-9a-f-]{36})"), ledger);
        String recipient = first(Pattern.compile("/console/recipients/([0-9X]{18})"),
                clerk.page("/console/batches/" + december));
        String[][] pages = {
                {"clerk", "/"},
                {"clerk", "/console/programs"},
                {"clerk", "/console/programs/" + program},
                {"clerk", "/console/programs/" + program + "/batches"},
                {"clerk-650102", "/console/programs/" + program + "/batches"},
                {"clerk", "/console/batches/" + december},
                {"clerk", "/console/batches/" + december + "/lines?state=PAID&page=3000"},
                {"clerk-650102", "/console/batches/" + december},
                {"finance", "/console/inbox"},
                {"finance", "/console/batches/" + december + "/comparison"},
                {"inspector", "/console/overpayments?program=" + program},
                {"inspector", "/console/overpayments?program=" + program + "&cause=DEATH&aging=0-3&page=20"},
                {"inspector", "/console/overpayments/" + oneCase},
                {"inspector", "/console/recipients/" + recipient},
                {"inspector", "/console/recipients/" + recipient + "/facts"},
                {"inspector", "/console/recipients/" + recipient + "/cases"},
                {"evaluator", "/console/programs/" + program + "/indicators?year=2023"},
                {"evaluator", "/console/programs/" + program + "/indicators/recipientCompletionRate/basis?year=2023"},
                {"evaluator", "/console/programs/" + program + "/evaluation?year=2023"},
                {"auditor", "/console/audit"},
                {"auditor", "/console/audit/access-log"},
        };
        java.util.Map<String, Session> sessions = java.util.Map.of("clerk", clerk, "clerk-650102", district,
                "finance", finance, "inspector", inspector, "evaluator", evaluator, "auditor", auditor);
        int over = 0;
        for (String[] page : pages) {
            Session session = sessions.get(page[0]);
            int status = session.status(page[1]); // warm-up, and the answer's status
            double[] seconds = new double[CALLS];
            for (int i = 0; i < CALLS; i++) {
                long start = System.nanoTime();
                session.page(page[1]);
                seconds[i] = (System.nanoTime() - start) / 1e9;
            }
            Arrays.sort(seconds);
            double p95 = seconds[(int) Math.ceil(0.95 * CALLS) - 1];
            over += p95 > 0.3 ? 1 : 0;
            System.out.printf("RESULT page %-14s %-95s status=%d p50_ms=%.0f p95_ms=%.0f max_ms=%.0f%s%n", page[0],
                    page[1].replace(program, "{program}").replace(december, "{december}")
                            .replace(oneCase, "{case}").replace(recipient, "{recipient}"),
                    status, seconds[CALLS / 2] * 1000, p95 * 1000, seconds[CALLS - 1] * 1000,
                    p95 > 0.3 ? "  OVER 300 ms" : "");
        }
        System.out.printf("RESULT pages=%d over_300ms_p95=%d%n", pages.length, over);
    }

    private static String first(Pattern pattern, String text) {
        List<String> found = all(pattern, text);
        if (found.isEmpty()) {
            throw new IllegalStateException("nothing like " + pattern + " on the page");
        }
        return found.get(0);
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            if (matcher.group(1) != null) {
                found.add(matcher.group(1));
            }
        }
        return found;
    }

    /** A signed-in browser session: the form's CSRF token, then the session cookie. */
    static final class Session {
        private final HttpClient http;

        Session(String user) throws Exception {
            http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
            String login = page("/login");
            String token = first(Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\""), login);
            String form = "username=" + user + "&password=demo&_csrf=" + URLEncoder.encode(token,
                    StandardCharsets.UTF_8);
            HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (signedIn.statusCode() != 302 || signedIn.headers().firstValue("Location").orElse("").contains("error")) {
                throw new IllegalStateException(user + " could not sign in: " + signedIn.statusCode());
            }
        }

        String page(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }

        int status(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
