import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The certification benchmark of docs/performance.md (rule 11), through the public HTTP API of a running ledger, reusing
 * {@link BatchBench}'s client: a program certifying every 12 months enrols N recipients (default 100,000) from the
 * month a year before this one (so they are due to certify by this month's first day); one file of N certifications
 * (人脸识别 and 社区, dated yesterday, in time: nothing was withheld, nothing is released) is posted and timed; then an
 * N-line batch of this month is posted and timed — posting asks which of the N recipients an overdue certification
 * withholds. Then a second program enrols the same recipients from 24 months ago, and one file of late
 * certifications releases 12 withheld months each into arrears. (Until 2026-12-06 it certified in 2024 recipients
 * enrolled in 2023: each row then released every month withheld since 2024-02 up to today into arrears, and the
 * batch's month was refused ARREAR_OPEN — see docs/performance.md.)
 *
 * Usage: java -cp postgresql.jar:classes CertificationBench baseUrl [rows]   (bench/certification.sh)
 */
public class CertificationBench {

    public static void main(String[] args) throws Exception {
        BatchBench.base = args[0];
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        String program = "CERT-BENCH-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        BatchBench.send("admin", "POST", "/api/v1/programs", "application/json", ("{\"code\":\"" + program
                + "\",\"name\":\"基准测试\",\"region\":\"650100\",\"monthlyStandard\":\"120.00\",\"deadlineDay\":25,"
                + "\"reviewLevels\":3,\"certificationMonths\":12}").getBytes(StandardCharsets.UTF_8), 201);
        java.time.ZoneId office = java.time.ZoneId.of("Asia/Shanghai");
        java.time.YearMonth month = java.time.YearMonth.now(office);
        String certified = java.time.LocalDate.now(office).minusDays(1).toString();
        long t = System.nanoTime();
        BatchBench.send("clerk", "POST", "/api/v1/programs/" + program + "/enrolments?effectiveFrom="
                + month.minusMonths(12), null,
                BatchBench.enrolmentCsv(rows), 201);
        System.out.printf("setup: enrolled %,d in %.2f s%n", rows, BatchBench.seconds(t));

        StringBuilder file = new StringBuilder(rows * 50).append("身份证号,姓名,认证日期,认证方式\n");
        for (int n = 0; n < rows; n++) {
            file.append(BatchBench.id(n)).append(",受益人").append(n).append(',').append(certified).append(',')
                    .append(n % 2 == 0 ? "人脸识别" : "社区").append('\n');
        }
        long post = System.nanoTime();
        String answer = BatchBench.send("clerk", "POST", "/api/v1/certifications?program=" + program, null,
                file.toString().getBytes(StandardCharsets.UTF_8), 201);
        double postSeconds = BatchBench.seconds(post);
        System.out.printf("POST of a %,d-row certification file returned after %.2f s: %s%n", rows, postSeconds,
                answer.length() > 300 ? answer.substring(0, 300) + "…" : answer);

        StringBuilder lines = new StringBuilder(rows * 45).append("身份证号,姓名,金额\n");
        for (int n = 0; n < rows; n++) {
            lines.append(BatchBench.id(n)).append(",受益人").append(n).append(",120.00\n");
        }
        long batch = System.nanoTime();
        String posted = BatchBench.send("clerk", "POST", "/api/v1/programs/" + program + "/batches?period=" + month,
                null, lines.toString().getBytes(StandardCharsets.UTF_8), 201);
        double batchSeconds = BatchBench.seconds(batch);
        System.out.printf("POST of the %,d-line batch of " + month + " (each checked for an overdue certification) %.2f s: "
                + "%d accepted%n", rows, batchSeconds, BatchBench.number(posted, "accepted"));

        // Late certifications: a second program enrols the same recipients from 24 months ago, never certified for
        // it, so each is withheld from 11 months ago through this month (12 months); one file certifies them all
        // yesterday and releases those 12 months each into arrears (WITHHOLDING_RELEASED) in the same request.
        String late = "CERT-LATE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        BatchBench.send("admin", "POST", "/api/v1/programs", "application/json", ("{\"code\":\"" + late
                + "\",\"name\":\"基准测试\",\"region\":\"650100\",\"monthlyStandard\":\"120.00\",\"deadlineDay\":25,"
                + "\"reviewLevels\":3,\"certificationMonths\":12}").getBytes(StandardCharsets.UTF_8), 201);
        BatchBench.send("clerk", "POST", "/api/v1/programs/" + late + "/enrolments?effectiveFrom="
                + month.minusMonths(24), null, BatchBench.enrolmentCsv(rows), 201);
        long latePost = System.nanoTime();
        String released = BatchBench.send("clerk", "POST", "/api/v1/certifications?program=" + late, null,
                file.toString().getBytes(StandardCharsets.UTF_8), 201);
        double lateSeconds = BatchBench.seconds(latePost);
        System.out.printf("POST of a %,d-row file of late certifications (each releasing the months withheld) %.2f s: "
                + "%,d recorded, %,d months released%n", rows, lateSeconds, BatchBench.number(released, "recorded"),
                BatchBench.number(released, "monthsReleased"));
        long months = BatchBench.number(released, "monthsReleased");
        long listed = System.nanoTime();
        BatchBench.waitFor(() -> BatchBench.number(BatchBench.get("clerk", "/api/v1/arrears?program=" + late
                + "&size=1&totals=false"), "total") >= months);
        double listedSeconds = BatchBench.seconds(listed);
        System.out.printf("GET /arrears lists all %,d released months %.2f s after the file's POST returned%n", months,
                listedSeconds);
        System.out.printf("RESULT rows=%d certification_file_s=%.2f batch_s=%.2f late_file_s=%.2f months_released=%d "
                + "listed_s=%.2f%n", rows, postSeconds, batchSeconds, lateSeconds, months, listedSeconds);
    }
}
