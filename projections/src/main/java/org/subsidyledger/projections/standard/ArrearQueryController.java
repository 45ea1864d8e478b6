package org.subsidyledger.projections.standard;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.projections.indicator.AsOf;
import org.subsidyledger.projections.port.AccessScope;
import org.subsidyledger.projections.support.Amounts;
import org.subsidyledger.projections.support.Csv;

/**
 * The arrears list (待补发, rule 9, docs/api.md): {@code GET /arrears} filtered by program, region, status, cause and
 * recipient, as of a moment, paged, with the totals of everything the filter selects; and its CSV export. An arrear
 * is SETTLED when the month's 补发 lines paid by the moment (disbursed, not returned) cover it and the arrears recorded
 * for the month before it, oldest first; OPEN otherwise. A negative arrear (a decrease taking back open arrears) is
 * listed as SETTLED: it owes nothing. Only the few months with 补发 lines need the arrears before an arrear to decide
 * it: a page of 1.8M arrears is read in order (recipient, month) from the program's index (V37) and its totals in one
 * pass grouped in that order; what a part's arrears share is joined to the page only.
 */
@RestController
@PreAuthorize("isAuthenticated()")
class ArrearQueryController {

    private static final int MAX_SIZE = 1000;

    private final JdbcClient jdbc;
    /** The export's: rows fetched 1,000 at a time through a cursor, in a read-only transaction. */
    private final org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate streaming;
    private final org.springframework.transaction.support.TransactionTemplate readOnly;

    ArrearQueryController(JdbcClient jdbc, javax.sql.DataSource dataSource,
                          org.springframework.transaction.PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        org.springframework.jdbc.core.JdbcTemplate cursor = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        cursor.setFetchSize(1_000);
        this.streaming = new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(cursor);
        this.readOnly = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    record Arrear(String id, String recipientId, String name, String region, String program, String month,
                  String due, String paid, String difference, String cause, String causeRef, String status,
                  Instant recordedAt, String recordedBy, String eventId) {
    }

    /**
     * Over the filter: arrears listed, their sum, what 补发 lines settled of it, what is open, and for whom. Left out
     * ({@code null}) with {@code totals=false}: a client paging through 1.8M arrears asks for them once.
     */
    record ArrearTotals(long arrears, String owed, String settled, String open, long openMonths, long openRecipients) {
    }

    record ArrearList(List<Arrear> items, int page, int size, long total, ArrearTotals totals, Instant asOf) {
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "List arrears (待补发), as of a moment")
    @GetMapping("/api/v1/arrears")
    ArrearList list(@RequestParam(required = false) String program, @RequestParam(required = false) String region,
                    @RequestParam(required = false) String status, @RequestParam(required = false) String cause,
                    @RequestParam(required = false) String recipient, @RequestParam(required = false) String asOf,
                    @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
                    @RequestParam(defaultValue = "true") boolean totals) {
        Instant at = AsOf.parse(asOf);
        Map<String, Object> params = new LinkedHashMap<>();
        String sql = query(program, region, cause, recipient, at, params);
        String statusFilter = statusFilter(status);
        int pageSize = Math.max(1, Math.min(MAX_SIZE, size));
        int pageNumber = Math.max(0, page);
        String rows = query(program, region, cause, recipient, at, new LinkedHashMap<>(), false);
        ArrearTotals sums = !totals ? null : jdbc.sql(monthTotals(rows, statusFilter)).params(params)
                .query((rs, n) -> {
                    long owed = rs.getLong(2);
                    long settled = rs.getLong(3);
                    return new ArrearTotals(rs.getLong(1), Amounts.yuan(owed), Amounts.yuan(settled),
                            Amounts.yuan(Math.max(0, owed - settled)), rs.getLong(4), rs.getLong(5));
                }).single();
        // Without the totals a page still says how many arrears the filter selects: a count (the planner leaves the
        // status and the 补发 lines out of it unless the filter names a status).
        long total = sums != null ? sums.arrears() : jdbc.sql("SELECT count(*) FROM (" + rows + ") r" + statusFilter)
                .params(params).query(Long.class).single();
        AccessScope caller = AccessScope.current();
        List<Arrear> items = jdbc.sql(withPart(statusFilter.isEmpty()
                        ? query(program, region, cause, recipient, at, new LinkedHashMap<>(), true, true)
                        : "SELECT * FROM (" + sql + ") t" + statusFilter + " ORDER BY " + ORDER
                        + " LIMIT :limit OFFSET :offset"))
                .params(params).param("limit", pageSize).param("offset", (long) pageNumber * pageSize)
                .query((rs, n) -> arrear(rs, caller)).list();
        return new ArrearList(items, pageNumber, pageSize, total, sums, at);
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Export arrears (待补发) as CSV")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "CSV, UTF-8 with BOM",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/csv",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")))
    @GetMapping("/api/v1/arrears/export")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String program,
                                                 @RequestParam(required = false) String region,
                                                 @RequestParam(required = false) String status,
                                                 @RequestParam(required = false) String cause,
                                                 @RequestParam(required = false) String recipient,
                                                 @RequestParam(required = false) String asOf) {
        Instant at = AsOf.parse(asOf);
        Map<String, Object> params = new LinkedHashMap<>();
        String sql = withPart("SELECT * FROM (" + query(program, region, cause, recipient, at, params) + ") t"
                + statusFilter(status));
        AccessScope caller = AccessScope.current();
        return ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"arrears-" + at.toString().substring(0, 10)
                        + ".csv\"")
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .body(out -> {
                    Writer writer = new java.io.BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                            1 << 16);
                    writer.write('\uFEFF');
                    Csv.row(writer, List.of("身份证号", "姓名", "行政区划", "项目", "月份", "应发", "已发", "待补发",
                            "原因", "依据", "状态", "记录时间", "记录人"));
                    // streamed through a cursor: a program-wide 调标's 1.8M arrears are never all in memory
                    readOnly.executeWithoutResult(transaction -> streaming.query(sql, params, rs -> {
                        Arrear a = arrear(rs, caller);
                        try {
                            Csv.row(writer, List.of(a.recipientId(), a.name(), a.region(), a.program(), a.month(),
                                    a.due(), a.paid(), a.difference(), a.cause(), a.causeRef(), a.status(),
                                    a.recordedAt().toString(), a.recordedBy()));
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }));
                    writer.flush();
                });
    }

    private static String statusFilter(String status) {
        if (status == null || status.isBlank()) {
            return "";
        }
        return switch (status.strip().toUpperCase()) {
            case "OPEN" -> " WHERE status = 'OPEN'";
            case "SETTLED" -> " WHERE status = 'SETTLED'";
            default -> throw new LedgerException(ErrorCode.INVALID_QUERY, "status must be OPEN or SETTLED");
        };
    }

    /** The list's order: a recipient's arrears together, month by month, oldest part first (the index's order). */
    private static final String ORDER = "recipient_id, month, recorded_at, part_id";

    /** The rows selected with what their part says: change, cause, who and the event. */
    private static String withPart(String rows) {
        return "SELECT r.*, p.source_id, p.cause, p.cause_ref, p.recorded_by, p.event_id FROM (" + rows + ") r "
                + "JOIN arrear_part_view p ON p.part_id = r.part_id ORDER BY r.recipient_id, r.month, r.recorded_at, "
                + "r.part_id";
    }

    /** The arrears selected, each with its status as of the moment. */
    private static String query(String program, String region, String cause, String recipient, Instant at,
                                Map<String, Object> params) {
        return query(program, region, cause, recipient, at, params, true);
    }

    /**
     * @param people whether the rows need the recipient's name and region; the totals do not, and leave the 300k
     *               enrolments out unless the caller's scope narrows them to regions
     */
    private static String query(String program, String region, String cause, String recipient, Instant at,
                                Map<String, Object> params, boolean people) {
        return query(program, region, cause, recipient, at, params, people, false);
    }

    /**
     * @param paged whether to select the page ({@code :limit}, {@code :offset}) of the arrears first, in the index's
     *              order, and only then their status and people: a page of 1.8M arrears without a status filter is
     *              read from the index, not sorted out of a join
     */
    private static String query(String program, String region, String cause, String recipient, Instant at,
                                Map<String, Object> params, boolean people, boolean paged) {
        List<String> where = new ArrayList<>();
        params.put("at", Timestamp.from(at));
        if (program != null && !program.isBlank()) {
            where.add("a.program_code = :program");
            params.put("program", program.strip());
        }
        if (cause != null && !cause.isBlank()) {
            String code = cause.strip().toUpperCase();
            if (!code.equals("STANDARD_CHANGE") && !code.equals("WITHHOLDING_RELEASED")) {
                throw new LedgerException(ErrorCode.INVALID_QUERY, "cause must be STANDARD_CHANGE or "
                        + "WITHHOLDING_RELEASED");
            }
            where.add("a.part_id IN (SELECT part_id FROM arrear_part_view WHERE cause = :cause)");
            params.put("cause", code);
        }
        if (recipient != null && !recipient.isBlank()) {
            where.add("a.recipient_id = :recipient");
            params.put("recipient", recipient.strip().toUpperCase());
        }
        AccessScope scope = AccessScope.current().narrowedTo(region);
        if (scope.scoped()) {
            where.add(scope.sql("e.region"));
            params.put("scope_regions", scope.likePatterns());
        }
        String filter = where.isEmpty() ? "" : " AND " + String.join(" AND ", where);
        boolean join = people || scope.scoped();
        return SETTLED + "SELECT a.part_id, a.recipient_id, " + (join ? "e.name, e.region"
                : "CAST(NULL AS varchar) AS name, CAST(NULL AS varchar) AS region") + """
                , a.program_code, a.month, a.due_fen, a.paid_fen,
                       a.difference_fen, a.recorded_at, coalesce(s.fen, 0) AS settled_fen,
                       CASE WHEN a.difference_fen <= 0 THEN 'SETTLED'
                            WHEN s.fen IS NULL THEN 'OPEN'
                            WHEN (SELECT sum(greatest(b.difference_fen, 0)) FROM arrear_view b
                                  WHERE b.program_code = a.program_code AND b.recipient_id = a.recipient_id
                                    AND b.month = a.month AND b.recorded_at <= :at
                                    AND (b.recorded_at, b.part_id) <= (a.recorded_at, a.part_id)) <= s.fen
                            THEN 'SETTLED' ELSE 'OPEN' END AS status
                FROM""" + (paged ? " (SELECT a.* FROM arrear_view a " + (scope.scoped() ? PEOPLE : "")
                + " WHERE a.recorded_at <= :at" + filter + " ORDER BY a.recipient_id, a.month, a.recorded_at, "
                + "a.part_id LIMIT :limit OFFSET :offset) a" : " arrear_view a") + (join ? " " + PEOPLE : "") + """

                LEFT JOIN settled s ON s.program_code = a.program_code AND s.recipient_id = a.recipient_id
                                   AND s.month = a.month
                """ + (paged ? "" : "WHERE a.recorded_at <= :at" + filter);
    }

    private static final String PEOPLE = "JOIN enrolment_view e ON e.program_code = a.program_code "
            + "AND e.recipient_id = a.recipient_id";

    /**
     * The 补发 lines paid as of {@code :at}, summed per recipient and month: few rows (only months settled), so the
     * status of most arrears is decided without looking further.
     */
    private static final String SETTLED = """
            WITH settled AS (
                SELECT l.program_code, l.recipient_id, l.settles_month AS month, sum(l.amount_fen) AS fen
                FROM batch_line_view l
                WHERE l.settles_month IS NOT NULL AND l.stopped_at IS NULL
                  AND (l.returned_at IS NULL OR l.returned_at > :at)
                  AND EXISTS (SELECT 1 FROM batch_step_view st WHERE st.batch_id = l.batch_id
                              AND st.step = 'DISBURSED' AND st.recorded_at <= :at)
                GROUP BY 1, 2, 3)
            """;

    /**
     * The totals of the arrears selected (with their status filter), in one pass grouped by recipient and month: what
     * is settled of a month is at most its positive arrears; a month is open while its arrears exceed what settled
     * them.
     */
    private static String monthTotals(String rows, String statusFilter) {
        String body = rows.substring(SETTLED.length());
        return SETTLED + """
                , months AS (
                    SELECT recipient_id, month, count(*) AS arrears, sum(difference_fen) AS owed,
                           sum(greatest(difference_fen, 0)) AS positive, max(settled_fen) AS settled
                    FROM (""" + body + ") r" + statusFilter + """
                     GROUP BY recipient_id, month)
                SELECT coalesce(sum(arrears), 0), coalesce(sum(owed), 0), coalesce(sum(least(positive, settled)), 0),
                       count(*) FILTER (WHERE owed > settled),
                       count(DISTINCT recipient_id) FILTER (WHERE owed > settled)
                FROM months""";
    }

    private static Arrear arrear(java.sql.ResultSet rs, AccessScope caller) throws java.sql.SQLException {
        String id = rs.getString("source_id") + "/" + caller.id(rs.getString("recipient_id")) + "/"
                + rs.getDate("month").toLocalDate().toString().substring(0, 7);
        return new Arrear(id, caller.id(rs.getString("recipient_id")), caller.name(rs.getString("name")),
                rs.getString("region"), rs.getString("program_code"),
                rs.getDate("month").toLocalDate().toString().substring(0, 7), Amounts.yuan(rs.getLong("due_fen")),
                Amounts.yuan(rs.getLong("paid_fen")), Amounts.yuan(rs.getLong("difference_fen")),
                rs.getString("cause"), rs.getString("cause_ref"), rs.getString("status"),
                rs.getTimestamp("recorded_at").toInstant(), rs.getString("recorded_by"), rs.getString("event_id"));
    }
}
