import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The overpayment benchmark of docs/performance.md, through the public HTTP API of a running ledger:
 * 1. enrols N recipients (default 300,000) and pays them every month of 2023 (12 batches posted, reviewed three
 *    times, approved and disbursed: 12 × N payments), then waits for the batch read model;
 * 2. posts a death comparison file of D rows (default 10,000): D − D/200 deaths of paid recipients spread over
 *    January–November, and D/200 rows under another name (reported, not recorded);
 * 3. reports the time until the POST returns (deaths, stopped lines and overpayment cases durable) and until
 *    {@code GET /overpayments} lists every case with the expected total, and the time of one ledger page.
 *
 * Compiled together with BatchBench (helpers). Usage: DeathComparisonBench baseUrl [recipients] [rows]
 */
public class DeathComparisonBench {

    public static void main(String[] args) throws Exception {
        BatchBench.base = args[0];
        int recipients = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        String program = "DEATHS-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        BatchBench.send("admin", "POST", "/api/v1/programs", "application/json",
                ("{\"code\":\"" + program + "\",\"name\":\"基准测试\",\"region\":\"650100\","
                        + "\"monthlyStandard\":\"120.00\",\"deadlineDay\":25,\"reviewLevels\":3}")
                        .getBytes(StandardCharsets.UTF_8), 201);
        BatchBench.send("admin", "PUT", "/api/v1/programs/" + program + "/plans/2023", "application/json",
                ("{\"plannedRecipients\":" + recipients + ",\"plannedPayouts\":12,\"budget\":\""
                        + (recipients * 1440L) + ".00\"}").getBytes(StandardCharsets.UTF_8), 200);
        BatchBench.send("finance", "POST", "/api/v1/programs/" + program + "/funds", "application/json",
                ("{\"amount\":\"" + (recipients * 1300L) + ".00\",\"receivedOn\":\"2023-01-05\","
                        + "\"reference\":\"bench\"}").getBytes(StandardCharsets.UTF_8), 201);
        long t = System.nanoTime();
        BatchBench.send("clerk", "POST", "/api/v1/programs/" + program + "/enrolments?effectiveFrom=2023-01",
                null, BatchBench.enrolmentCsv(recipients), 201);
        String last = null;
        for (int month = 1; month <= 12; month++) {
            String period = "2023-%02d".formatted(month);
            String batch = BatchBench.batchId(BatchBench.send("clerk", "POST", "/api/v1/programs/" + program
                    + "/batches?period=" + period, null, BatchBench.batchCsv(recipients, period), 201));
            for (int level = 1; level <= 3; level++) {
                BatchBench.step("reviewer" + level, batch, "reviews",
                        "{\"level\":" + level + ",\"decision\":\"APPROVE\"}");
            }
            BatchBench.step("finance", batch, "approval", "{\"decision\":\"APPROVE\"}");
            BatchBench.step("finance", batch, "disbursement", "{\"disbursedOn\":\"" + BatchBench.TODAY + "\"}");
            System.out.printf("setup: %s paid (%,d lines) after %.0f s%n", period, recipients,
                    BatchBench.seconds(t));
            last = batch;
        }
        String december = last;
        BatchBench.waitFor(() -> BatchBench.number(BatchBench.get("/api/v1/batches/" + december
                + "/lines?state=PAID&size=1"), "total") >= recipients);
        System.out.printf("setup: %,d payments recorded and projected in %.0f s%n", 12L * recipients,
                BatchBench.seconds(t));

        StringBuilder csv = new StringBuilder("身份证号,姓名,死亡日期,数据来源\n");
        int mismatched = rows / 200;
        int deaths = rows - mismatched;
        long expectedFen = 0;
        int step = Math.max(1, recipients / rows);
        for (int i = 0; i < rows; i++) {
            int n = i * step;
            int deathMonth = 1 + i % 11;
            boolean wrongName = i < mismatched;
            csv.append(BatchBench.id(n)).append(wrongName ? ",他人" : ",受益人").append(n).append(',')
                    .append(LocalDate.of(2023, deathMonth, 15)).append(",殡葬\n");
            if (!wrongName) {
                expectedFen += (12L - deathMonth) * (n % 100 == 0 ? 10_000 : 12_000);
            }
        }
        Thread.sleep(1_000);
        java.time.Instant beforeComparison = java.time.Instant.now();
        Thread.sleep(1_000);
        long post = System.nanoTime();
        String answer = BatchBench.send("inspector", "POST", "/api/v1/death-comparisons", null,
                csv.toString().getBytes(StandardCharsets.UTF_8), 201);
        double postSeconds = BatchBench.seconds(post);
        System.out.printf("POST of the %,d-row death comparison returned after %.2f s: %s%n", rows, postSeconds,
                answer.length() > 300 ? answer.substring(0, 300) + "…" : answer);
        String expectedTotal = "%d.%02d".formatted(expectedFen / 100, expectedFen % 100);
        long wait = System.nanoTime();
        BatchBench.waitFor(() -> BatchBench.get("/api/v1/overpayments?program=" + program + "&size=1")
                .contains("\"amount\":\"" + expectedTotal + "\",\"recovered\""));
        double listed = BatchBench.seconds(wait);
        System.out.printf("recovery ledger lists the %,d cases (total %s) %.2f s after the POST returned%n",
                deaths, expectedTotal, listed);
        long page = System.nanoTime();
        String first = BatchBench.get("/api/v1/overpayments?program=" + program + "&sort=amount&size=50");
        double pageSeconds = BatchBench.seconds(page);
        System.out.printf("one ledger page (50 cases by amount, with totals): %.3f s, %d bytes%n", pageSeconds,
                first.length());
        String indicators = "/api/v1/programs/" + program + "/indicators?year=2023";
        BatchBench.get(indicators); // warm up
        double[] calls = new double[5];
        String table = null;
        for (int i = 0; i < calls.length; i++) {
            long now = System.nanoTime();
            table = BatchBench.get(indicators);
            calls[i] = BatchBench.seconds(now);
        }
        java.util.Arrays.sort(calls);
        double nowSeconds = calls[calls.length / 2];
        double nowMax = calls[calls.length - 1];
        long asOf = System.nanoTime();
        String past = BatchBench.get(indicators + "&asOf=" + beforeComparison);
        double asOfSeconds = BatchBench.seconds(asOf);
        System.out.printf("indicator table now: %.2f s (median of 5); as of before the comparison: %.2f s%n%s%n%s%n", nowSeconds,
                asOfSeconds, table.length() > 600 ? table.substring(0, 600) + "…" : table,
                past.length() > 600 ? past.substring(0, 600) + "…" : past);
        long exported = System.nanoTime();
        String export = BatchBench.get("/api/v1/programs/" + program + "/indicators/export?year=2023&format=json");
        double exportSeconds = BatchBench.seconds(exported);
        long verified = System.nanoTime();
        String verification = BatchBench.get("/api/v1/audit/verify");
        double verifySeconds = BatchBench.seconds(verified);
        System.out.printf("indicator export (JSON, with the event chain head): %.2f s; audit verify: %.2f s: %s%n",
                exportSeconds, verifySeconds, verification.length() > 300 ? verification.substring(0, 300) + "…"
                        : verification);
        if (!export.contains("\"sha256\"") || !verification.contains("\"verified\":true")) {
            throw new IllegalStateException("the export has no digest or the event store does not verify");
        }
        // A district's view (issue 15): the same reads over a quarter of the recipients, by a scoped user.
        String district = indicators + "&region=650102";
        BatchBench.get(district);
        double[] regional = new double[3];
        for (int i = 0; i < regional.length; i++) {
            long now = System.nanoTime();
            BatchBench.get(district);
            regional[i] = BatchBench.seconds(now);
        }
        java.util.Arrays.sort(regional);
        long scopedPage = System.nanoTime();
        String inspectorPage = BatchBench.get("inspector-650102", "/api/v1/overpayments?program=" + program
                + "&sort=amount&size=50");
        double scopedPageSeconds = BatchBench.seconds(scopedPage);
        long scopedBatches = System.nanoTime();
        String batches = BatchBench.get("clerk-650102", "/api/v1/programs/" + program + "/batches");
        double scopedBatchesSeconds = BatchBench.seconds(scopedBatches);
        long scopedBatch = System.nanoTime();
        String decemberScoped = BatchBench.get("clerk-650102", "/api/v1/batches/" + december);
        double scopedBatchSeconds = BatchBench.seconds(scopedBatch);
        if (!decemberScoped.contains("\"lines\":" + (recipients / 4)) || !inspectorPage.contains("\"total\":")
                || !batches.contains(december)) {
            throw new IllegalStateException("a district's view is not a quarter of the city's: " + decemberScoped);
        }
        System.out.printf("RESULT district indicators_s=%.2f (median of 3, region=650102) ledger_page_s=%.3f "
                        + "(inspector-650102) batches_s=%.2f (clerk-650102, 12 batches) batch_s=%.2f%n",
                regional[1], scopedPageSeconds, scopedBatchesSeconds, scopedBatchSeconds);
        System.out.printf("RESULT indicators now_s=%.2f (median of 5, max %.2f) as_of_s=%.2f export_s=%.2f "
                + "verify_s=%.2f%n", nowSeconds, nowMax, asOfSeconds, exportSeconds, verifySeconds);
        System.out.printf("RESULT program=%s recipients=%d payments=%d rows=%d deaths=%d post_s=%.2f listed_s=%.2f "
                        + "total_s=%.2f page_s=%.3f%n", program, recipients, 12L * recipients, rows, deaths, postSeconds,
                listed, postSeconds + listed, pageSeconds);
    }
}
