import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The verification benchmark of docs/performance.md (rule 12, 两上两下), through the public HTTP API of a running
 * ledger, reusing {@link BatchBench}'s client:
 * 1. a program enrols N recipients (default 300,000) over four districts;
 * 2. a death comparison of D rows (default 100,000: D − D/100 enrolled recipients, D/100 nobody) is posted for
 *    verification and timed — one request raising D − D/100 suspected facts and reporting D/100 unmatched rows;
 * 3. the time until {@code GET /suspected-facts} lists them all (the read model caught up), one district's queue page
 *    and the per-region summary are timed;
 * 4. an N-line batch is posted and timed: the D − D/100 held lines are refused SUSPECTED;
 * 5. one suspected fact confirmed and one dismissed, each timed.
 *
 * Usage: java -cp postgresql.jar:classes VerificationBench baseUrl [recipients] [rows]   (bench/verification.sh)
 */
public class VerificationBench {

    public static void main(String[] args) throws Exception {
        BatchBench.base = args[0];
        int recipients = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        String program = "VERIFY-BENCH-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        BatchBench.send("admin", "POST", "/api/v1/programs", "application/json", ("{\"code\":\"" + program
                + "\",\"name\":\"基准测试\",\"region\":\"650100\",\"monthlyStandard\":\"120.00\",\"deadlineDay\":25,"
                + "\"reviewLevels\":3}").getBytes(StandardCharsets.UTF_8), 201);
        long t = System.nanoTime();
        BatchBench.send("clerk", "POST", "/api/v1/programs/" + program + "/enrolments?effectiveFrom=2023-01", null,
                BatchBench.enrolmentCsv(recipients), 201);
        System.out.printf("setup: enrolled %,d in %.2f s%n", recipients, BatchBench.seconds(t));

        int unmatched = rows / 100;
        int matched = rows - unmatched;
        StringBuilder file = new StringBuilder(rows * 50).append("身份证号,姓名,死亡日期,数据来源\n");
        for (int n = 0; n < matched; n++) { // every third recipient
            int r = (n * 3) % recipients;
            file.append(BatchBench.id(r)).append(",受益人").append(r).append(",2023-0").append(1 + n % 9)
                    .append("-15,殡葬\n");
        }
        for (int n = 0; n < unmatched; n++) { // born later than any enrolled
            file.append(BatchBench.id(recipients + 1_000 + n)).append(",无此人").append(n).append(",2023-03-15,公安\n");
        }
        long post = System.nanoTime();
        String answer = BatchBench.send("inspector", "POST", "/api/v1/death-comparisons?verify=true", null,
                file.toString().getBytes(StandardCharsets.UTF_8), 201);
        double postSeconds = BatchBench.seconds(post);
        System.out.printf("POST of a %,d-row death comparison for verification returned after %.2f s: %d suspected,"
                + " %d not%n", rows, postSeconds, BatchBench.number(answer, "suspected"),
                BatchBench.number(answer, "notSuspected"));

        long listed = System.nanoTime();
        BatchBench.waitFor(() -> BatchBench.number(BatchBench.get("inspector", "/api/v1/suspected-facts?size=1"),
                "total") >= matched);
        double listedSeconds = BatchBench.seconds(listed);
        System.out.printf("GET /suspected-facts lists all %,d %.2f s after the comparison returned%n", matched,
                listedSeconds);
        long page = System.nanoTime();
        String queue = BatchBench.get("inspector", "/api/v1/suspected-facts?region=650103&status=OPEN&size=50");
        double pageSeconds = BatchBench.seconds(page);
        String first = queue.substring(queue.indexOf("\"id\":\"") + 6);
        String suspect = first.substring(0, first.indexOf('"'));
        System.out.printf("one district's queue, a page of 50 with its counts: %.2f s%n", pageSeconds);
        long summary = System.nanoTime();
        BatchBench.get("inspector", "/api/v1/suspected-facts/summary");
        double summarySeconds = BatchBench.seconds(summary);
        System.out.printf("the per-region summary (open, overdue, median days to verify): %.2f s%n", summarySeconds);

        long batch = System.nanoTime();
        String posted = BatchBench.send("clerk", "POST", "/api/v1/programs/" + program + "/batches?period=2023-10",
                null, BatchBench.batchCsv(recipients, "2023-10"), 201);
        double batchSeconds = BatchBench.seconds(batch);
        System.out.printf("POST of the %,d-line batch of 2023-10 (%,d held) %.2f s: %d accepted%n", recipients, matched,
                batchSeconds, BatchBench.number(posted, "accepted"));

        long confirm = System.nanoTime();
        BatchBench.send("inspector", "POST", "/api/v1/suspected-facts/" + suspect + "/confirmation",
                "application/json", "{\"evidence\":\"火化证明\"}".getBytes(StandardCharsets.UTF_8), 200);
        double confirmSeconds = BatchBench.seconds(confirm);
        String second = queue.substring(queue.indexOf("\"id\":\"", queue.indexOf(suspect) + 40) + 6);
        String other = second.substring(0, second.indexOf('"'));
        long dismiss = System.nanoTime();
        BatchBench.send("inspector", "POST", "/api/v1/suspected-facts/" + other + "/dismissal", "application/json",
                "{\"reason\":\"入户核实健在\"}".getBytes(StandardCharsets.UTF_8), 200);
        double dismissSeconds = BatchBench.seconds(dismiss);
        System.out.printf("one confirmation %.2f s, one dismissal %.2f s%n", confirmSeconds, dismissSeconds);
        System.out.printf("RESULT recipients=%d rows=%d post_s=%.2f listed_s=%.2f page_s=%.2f summary_s=%.2f "
                        + "batch_s=%.2f confirm_s=%.2f dismiss_s=%.2f%n", recipients, rows, postSeconds, listedSeconds,
                pageSeconds, summarySeconds, batchSeconds, confirmSeconds, dismissSeconds);
    }
}
