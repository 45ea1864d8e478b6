import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The standard-change benchmark of docs/performance.md (issue 17), through the public HTTP API of a running ledger,
 * reusing {@link BatchBench}'s client:
 * 1. a program of 120.00 with 如皋's age supplements (+5.00 from 65, +10.00 from 75; the synthetic recipients, born
 *    1930–1931, are all past 75: 130.00 is due) enrols N recipients (default 300,000);
 * 2. six N-line batches (2023-01 … 2023-06) are posted at 130.00, reviewed, approved and disbursed — each POST timed:
 *    the payout benchmark with age supplements on;
 * 3. a program-wide retroactive 调标 from 2023-01 to 125.00 (135.00 due): one request recording N × 6 arrears of 5.00,
 *    timed; then the time until {@code GET /arrears} lists them all (a page and its count, polled without the totals,
 *    as a client paging through them asks), and one page with its totals timed.
 *
 * Usage: java -cp postgresql.jar:classes StandardChangeBench baseUrl [rows]   (bench/standard-change.sh)
 */
public class StandardChangeBench {

    public static void main(String[] args) throws Exception {
        BatchBench.base = args[0];
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
        String program = "RUGAO-BENCH-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        json("admin", "/api/v1/programs", "{\"code\":\"" + program + "\",\"name\":\"基准测试\",\"region\":\"650100\","
                + "\"monthlyStandard\":\"120.00\",\"deadlineDay\":25,\"reviewLevels\":3,\"ageSupplements\":["
                + "{\"fromAge\":65,\"amount\":\"5.00\"},{\"fromAge\":75,\"amount\":\"10.00\"}]}", 201);
        long t = System.nanoTime();
        BatchBench.send("clerk", "POST", "/api/v1/programs/" + program + "/enrolments?effectiveFrom=2023-01", null,
                BatchBench.enrolmentCsv(rows), 201);
        BatchBench.waitFor(() -> BatchBench.number(BatchBench.get("/api/v1/programs/" + program), "enrolled") >= rows);
        System.out.printf("setup: enrolled %,d and projected in %.2f s%n", rows, BatchBench.seconds(t));

        String[] lastBatch = new String[1];
        for (int month = 1; month <= 6; month++) {
            String period = "2023-0" + month;
            long post = System.nanoTime();
            String answer = BatchBench.send("clerk", "POST", "/api/v1/programs/" + program + "/batches?period="
                    + period, null, batchCsv(rows, period), 201);
            double postSeconds = BatchBench.seconds(post);
            String batch = BatchBench.batchId(answer);
            lastBatch[0] = batch;
            long shortLines = BatchBench.number(answer, "short");
            for (int level = 1; level <= 3; level++) {
                BatchBench.step("reviewer" + level, batch, "reviews", "{\"level\":" + level
                        + ",\"decision\":\"APPROVE\"}");
            }
            BatchBench.step("finance", batch, "approval", "{\"decision\":\"APPROVE\"}");
            long disburse = System.nanoTime();
            BatchBench.step("finance", batch, "disbursement", "{\"disbursedOn\":\"" + BatchBench.TODAY + "\"}");
            System.out.printf("%s: POST of %,d lines (age supplements on, %d short) %.2f s, disbursement %.2f s%n",
                    period, rows, shortLines, postSeconds, BatchBench.seconds(disburse));
        }
        // The change is timed on a quiet service: June's lines projected first (the read models catch up after each
        // disbursement, and would otherwise share the two cores with the change).
        BatchBench.waitFor(() -> BatchBench.number(BatchBench.get("/api/v1/batches/" + lastBatch[0]
                + "/lines?state=PAID&size=1"), "total") >= rows);

        long change = System.nanoTime();
        String answer = json("finance", "/api/v1/programs/" + program + "/standards",
                "{\"from\":\"2023-01\",\"monthlyStandard\":\"125.00\",\"reason\":\"基准调标\"}", 201);
        double changeSeconds = BatchBench.seconds(change);
        long expected = (long) rows * 6;
        System.out.printf("调标 from 2023-01, recorded in %.2f s: %s%n", changeSeconds, answer);
        long listed = System.nanoTime();
        BatchBench.waitFor(() -> BatchBench.number(BatchBench.get("inspector", "/api/v1/arrears?program=" + program
                + "&size=1&totals=false"), "total") >= expected);
        double listedSeconds = BatchBench.seconds(listed);
        System.out.printf("GET /arrears lists all %,d arrears %.2f s after the change returned%n", expected,
                listedSeconds);
        long page = System.nanoTime();
        String firstPage = BatchBench.get("inspector", "/api/v1/arrears?program=" + program + "&size=50");
        double pageSeconds = BatchBench.seconds(page);
        System.out.printf("one page of 50 with the totals of %,d: %.2f s; totals %s%n", expected, pageSeconds,
                firstPage.substring(firstPage.indexOf("\"totals\"")));
        long region = System.nanoTime();
        BatchBench.get("inspector", "/api/v1/arrears?program=" + program + "&region=650103&status=OPEN&size=50");
        System.out.printf("one district's open arrears, a page: %.2f s%n", BatchBench.seconds(region));
        System.out.printf("RESULT rows=%d arrears=%d change_s=%.2f listed_s=%.2f page_s=%.2f%n", rows, expected,
                changeSeconds, listedSeconds, pageSeconds);
    }

    static String json(String user, String path, String body, int expected) throws Exception {
        return BatchBench.send(user, "POST", path, "application/json", body.getBytes(StandardCharsets.UTF_8), expected);
    }

    /** Every line at 130.00: 120.00 and the supplement of a recipient past 75. */
    static byte[] batchCsv(int rows, String month) {
        StringBuilder sb = new StringBuilder(rows * 45).append("身份证号,姓名,金额,备注\n");
        for (int n = 0; n < rows; n++) {
            sb.append(BatchBench.id(n)).append(",受益人").append(n).append(",130.00,").append(month).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
