package org.subsidyledger.projections.batch;

import org.subsidyledger.contract.error.LedgerException;

import org.subsidyledger.contract.error.ErrorCode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.subsidyledger.projections.port.AccessScope;
import org.subsidyledger.projections.support.Amounts;
import org.subsidyledger.projections.support.Page;

/** The batch view: status, step history, counts and totals, and the lines with their state, paged. */
@RestController
@PreAuthorize("isAuthenticated()")
class BatchQueryController {

    private static final String LINE_STATE = BatchLineState.SQL;
    private static final String SUMMARY_COLUMNS = """
            batch_id, program_code, period, status, review_levels, levels_passed, round, line_count, total_fen,
            short_count, over_count, returned_count, returned_fen, source, posted_at, posted_by, disbursed_on,
            stopped_count, stopped_fen, deducted_count, deducted_fen""";


    private final JdbcClient jdbc;
    private final BatchRegionFigures regionFigures;

    BatchQueryController(JdbcClient jdbc, BatchRegionFigures regionFigures) {
        this.jdbc = jdbc;
        this.regionFigures = regionFigures;
    }

    /** A row of {@code batch_view}: what it says of the batch, and the whole batch's figures. */
    private record Row(String batchId, String program, String period, String status, int reviewLevels,
                       int levelsPassed, int round, String source, Instant postedAt, String postedBy,
                       LocalDate disbursedOn, BatchRegionFigures.Figures figures) {
    }

    /**
     * The batches {@code where} selects, newest month first, each summed over the caller's scope: the whole batch
     * for a caller whose scope covers the program, their regions' share of it otherwise.
     */
    private List<BatchSummary> summaries(String where, Map<String, ?> params, AccessScope scope) {
        List<Row> rows = jdbc.sql("SELECT " + SUMMARY_COLUMNS + " FROM batch_view b WHERE " + where
                        + " ORDER BY b.period DESC, b.posted_at DESC").params(params)
                .query((rs, n) -> row(rs)).list();
        if (!scope.scoped()) {
            return rows.stream().map(row -> summary(row, row.figures())).toList();
        }
        Map<String, BatchRegionFigures.Figures> whole = new java.util.LinkedHashMap<>();
        rows.forEach(row -> whole.put(row.batchId(), row.figures()));
        Map<String, BatchRegionFigures.Figures> within = regionFigures.within(whole, scope);
        return rows.stream().map(row -> summary(row, within.get(row.batchId()))).toList();
    }

    record Step(String step, Integer level, Integer round, String comment, String actor, String role,
                Instant recordedAt, String eventId) {
    }

    /**
     * Amounts in 元. {@code lines} and {@code total} are as posted; {@code stopped} lines were taken out before
     * disbursement because their month was not due; {@code paid} counts the lines that are payments (disbursed, not
     * stopped and not returned). {@code deducted} lines had part of their amount kept back at disbursement to recover
     * an overpayment ({@code deductedTotal}; the bank transferred the rest): they are payments of their full amount.
     */
    record BatchSummary(String batchId, String program, String period, String status, int reviewLevels,
                        int levelsPassed, int round, int lines, String total, int shortLines, int overLines,
                        int stopped, String stoppedTotal, int returned, String returnedTotal, int paid,
                        String paidTotal, int deducted, String deductedTotal, String source, Instant postedAt,
                        String postedBy, LocalDate disbursedOn) {
    }

    record BatchDetail(BatchSummary batch, List<Step> steps) {
    }

    /** {@code deducted}: kept back from the line at disbursement to recover an overpayment. */
    record Line(int line, String recipientId, String name, String amount, String standard, String mark,
                String state, String returnReason, String deducted) {
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Show a batch with its totals and workflow steps")
    @GetMapping("/api/v1/batches/{id}")
    BatchDetail batch(@PathVariable String id) {
        String program = programOf(id);
        AccessScope scope = scopeFor(program);
        BatchSummary batch = summaries("b.batch_id = :id", Map.of("id", id), scope).get(0);
        List<Step> steps = jdbc.sql("""
                        SELECT step, level, round, comment, actor, role, recorded_at, event_id
                        FROM batch_step_view WHERE batch_id = :id ORDER BY sequence""")
                .param("id", id)
                .query((rs, n) -> new Step(rs.getString(1), (Integer) rs.getObject(2), (Integer) rs.getObject(3),
                        scope.text(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                        rs.getString(8)))
                .list();
        return new BatchDetail(batch, steps);
    }

    /** The lines of a batch in file order, optionally only those in {@code state} (PENDING, PAID, RETURNED…). */
    @io.swagger.v3.oas.annotations.Operation(summary = "List the lines of a batch, by state")
    @GetMapping("/api/v1/batches/{id}/lines")
    Page<Line> lines(@PathVariable String id, @RequestParam(required = false) String state,
                     @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
        int pageSize = Page.size(size);
        int pageNumber = Math.max(0, page);
        AccessScope scope = scopeFor(programOf(id));
        String filter = (state == null || state.isBlank() ? "" : " AND " + LINE_STATE + " = :state")
                + (scope.scoped() ? " AND EXISTS (SELECT 1 FROM enrolment_view e WHERE e.program_code = l.program_code"
                + " AND e.recipient_id = l.recipient_id AND " + scope.sql("e.region") + ")" : "");
        String from = " FROM batch_line_view l JOIN batch_view b ON b.batch_id = l.batch_id WHERE l.batch_id = :id";
        var select = jdbc.sql("SELECT l.line, l.recipient_id, l.name, l.amount_fen, l.standard_fen, l.mark, "
                        + LINE_STATE + ", l.return_reason, l.deducted_fen" + from + filter
                        + " ORDER BY l.line LIMIT :limit OFFSET :offset")
                .param("id", id).param("limit", pageSize).param("offset", (long) pageNumber * pageSize)
                .param("scope_regions", scope.likePatterns());
        if (state != null && !state.isBlank()) {
            select = select.param("state", state.strip().toUpperCase());
        }
        // from the batch's own figures (a district's from its region figures), not a count of 300k rows
        long total = linesIn(summaries("b.batch_id = :id", Map.of("id", id), scope).get(0), state);
        List<Line> items = select.query((rs, n) -> new Line(rs.getInt(1), scope.id(rs.getString(2)),
                scope.name(rs.getString(3)),
                Amounts.yuan(rs.getLong(4)), Amounts.yuan(rs.getLong(5)), rs.getString(6), rs.getString(7),
                scope.text(rs.getString(8)), Amounts.yuan(rs.getLong(9)))).list();
        return new Page<>(items, pageNumber, pageSize, total);
    }

    /** The batches of a program, newest month first, optionally of one month (YYYY-MM). */
    @io.swagger.v3.oas.annotations.Operation(summary = "List the batches of a program")
    @GetMapping("/api/v1/programs/{code}/batches")
    List<BatchSummary> batchesOf(@PathVariable String code, @RequestParam(required = false) String period) {
        AccessScope scope = scopeFor(code);
        String filter = period == null || period.isBlank() ? "" : " AND to_char(b.period, 'YYYY-MM') = :period";
        Map<String, Object> params = new java.util.HashMap<>(Map.of("code", code));
        if (!filter.isEmpty()) {
            params.put("period", period.strip());
        }
        return summaries("b.program_code = :code" + filter, params, scope);
    }

    /**
     * What a reviewer checks against last month: the previous month's batches of the program (not withdrawn), their
     * lines and total (neither returned nor stopped) against this batch's, the recipients added since (on this
     * batch, without such a line last month) and dropped (with one last month, on no batch of this month), with up
     * to {@code sample} of each; each recipient counted once.
     * Within the caller's region scope, like every other figure.
     */
    record BatchComparison(String batchId, String period, String previousPeriod, int lines, String total,
                      int previousLines, String previousTotal, long added, long dropped, List<String> addedSample,
                      List<String> droppedSample) {
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Compare a batch with the program's previous month")
    @GetMapping("/api/v1/batches/{id}/comparison")
    BatchComparison comparison(@PathVariable String id, @RequestParam(defaultValue = "10") int sample) {
        String program = programOf(id);
        AccessScope scope = scopeFor(program);
        int samples = Math.max(0, Math.min(100, sample));
        String inScope = scope.scoped() ? " AND EXISTS (SELECT 1 FROM enrolment_view e WHERE e.program_code = "
                + "%1$s.program_code AND e.recipient_id = %1$s.recipient_id AND " + scope.sql("e.region") + ")" : "";
        java.time.LocalDate period = jdbc.sql("SELECT period FROM batch_view WHERE batch_id = :id").param("id", id)
                .query(java.time.LocalDate.class).single();
        java.time.LocalDate previous = jdbc.sql("""
                        SELECT max(period) FROM batch_view
                        WHERE program_code = :program AND period < :period AND status <> 'WITHDRAWN'""")
                .param("program", program).param("period", period).query(java.time.LocalDate.class).optional()
                .orElse(null);
        // One statement, each set read once: this batch's lines, last month's payments (lines of its batches not
        // withdrawn, neither returned nor stopped) and this month's recipients on any batch not withdrawn.
        String sql = """
                WITH this AS MATERIALIZED (
                         SELECT l.recipient_id, l.amount_fen FROM batch_line_view l
                         WHERE l.batch_id = :id %1$s),
                     prev AS MATERIALIZED (
                         SELECT p.recipient_id, p.amount_fen FROM batch_line_view p
                         JOIN batch_view pb ON pb.batch_id = p.batch_id
                         WHERE pb.program_code = :program AND pb.period = :previous AND pb.status <> 'WITHDRAWN'
                           AND p.returned_at IS NULL AND p.stopped_at IS NULL %2$s),
                     month AS MATERIALIZED (
                         SELECT DISTINCT t.recipient_id FROM batch_line_view t
                         JOIN batch_view tb ON tb.batch_id = t.batch_id
                         WHERE tb.program_code = :program AND tb.period = :period AND tb.status <> 'WITHDRAWN'),
                     -- anti-joins (NOT EXISTS): a NOT IN over 300k ids that outgrows work_mem runs row by row
                     added AS (SELECT DISTINCT t.recipient_id FROM this t
                               WHERE NOT EXISTS (SELECT 1 FROM prev p WHERE p.recipient_id = t.recipient_id)),
                     dropped AS (SELECT DISTINCT p.recipient_id FROM prev p
                                 WHERE NOT EXISTS (SELECT 1 FROM month m WHERE m.recipient_id = p.recipient_id))
                SELECT (SELECT count(*) FROM this), (SELECT coalesce(sum(amount_fen), 0) FROM this),
                       (SELECT count(*) FROM prev), (SELECT coalesce(sum(amount_fen), 0) FROM prev),
                       (SELECT count(*) FROM added), (SELECT count(*) FROM dropped),
                       ARRAY(SELECT recipient_id FROM added ORDER BY 1 LIMIT :limit),
                       ARRAY(SELECT recipient_id FROM dropped ORDER BY 1 LIMIT :limit)""".formatted(
                inScope.formatted("l"), inScope.formatted("p"));
        // the batches the comparison reads, as they stand: a kept comparison is good while none of them changed
        String signature = jdbc.sql("""
                        SELECT coalesce(string_agg(batch_id || ':' || status || ':' || line_count || ':'
                                   || returned_count || ':' || stopped_count, ',' ORDER BY batch_id), '')
                        FROM batch_view WHERE program_code = :program AND period IN (:period, :previous)""")
                .param("program", program).param("period", period)
                .param("previous", previous == null ? java.time.LocalDate.of(1900, 1, 1) : previous)
                .query(String.class).single();
        String scopeKey = String.join(",", scope.regions());
        List<BatchComparison> kept = jdbc.sql("""
                        SELECT line_count, total_fen, previous_lines, previous_total_fen, added, dropped, added_sample,
                               dropped_sample
                        FROM batch_comparison_view
                        WHERE batch_id = :id AND scope = :scope AND sample = :sample AND signature = :signature""")
                .param("id", id).param("scope", scopeKey).param("sample", samples).param("signature", signature)
                .query((rs, n) -> comparison(id, period, previous, rs, scope)).list();
        if (!kept.isEmpty()) {
            return kept.get(0);
        }
        var computed = jdbc.sql(sql).param("id", id).param("program", program).param("period", period)
                .param("previous", previous == null ? java.time.LocalDate.of(1900, 1, 1) : previous)
                .param("scope_regions", scope.likePatterns()).param("limit", samples)
                .query((rs, n) -> new Object[] {rs.getInt(1), rs.getLong(2), rs.getInt(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getArray(7).getArray(), rs.getArray(8).getArray()})
                .single();
        jdbc.sql("""
                        INSERT INTO batch_comparison_view (batch_id, scope, sample, signature, line_count, total_fen,
                            previous_period, previous_lines, previous_total_fen, added, dropped, added_sample,
                            dropped_sample)
                        VALUES (:id, :scope, :sample, :signature, :lines, :total, :previousPeriod, :previousLines,
                                :previousTotal, :added, :dropped, :addedSample, :droppedSample)
                        ON CONFLICT (batch_id, scope, sample) DO UPDATE SET signature = EXCLUDED.signature,
                            line_count = EXCLUDED.line_count, total_fen = EXCLUDED.total_fen,
                            previous_period = EXCLUDED.previous_period, previous_lines = EXCLUDED.previous_lines,
                            previous_total_fen = EXCLUDED.previous_total_fen, added = EXCLUDED.added,
                            dropped = EXCLUDED.dropped, added_sample = EXCLUDED.added_sample,
                            dropped_sample = EXCLUDED.dropped_sample""")
                .param("id", id).param("scope", scopeKey).param("sample", samples).param("signature", signature)
                .param("lines", computed[0]).param("total", computed[1]).param("previousPeriod", previous)
                .param("previousLines", computed[2]).param("previousTotal", computed[3]).param("added", computed[4])
                .param("dropped", computed[5]).param("addedSample", strings((Object[]) computed[6]))
                .param("droppedSample", strings((Object[]) computed[7])).update();
        return jdbc.sql("""
                        SELECT line_count, total_fen, previous_lines, previous_total_fen, added, dropped, added_sample,
                               dropped_sample
                        FROM batch_comparison_view WHERE batch_id = :id AND scope = :scope AND sample = :sample""")
                .param("id", id).param("scope", scopeKey).param("sample", samples)
                .query((rs, n) -> comparison(id, period, previous, rs, scope)).single();
    }

    private static BatchComparison comparison(String id, java.time.LocalDate period, java.time.LocalDate previous,
                                              java.sql.ResultSet rs, AccessScope scope) throws java.sql.SQLException {
        return new BatchComparison(id, period.toString().substring(0, 7),
                previous == null ? null : previous.toString().substring(0, 7), rs.getInt(1),
                Amounts.yuan(rs.getLong(2)), rs.getInt(3), Amounts.yuan(rs.getLong(4)), rs.getLong(5), rs.getLong(6),
                ids(rs.getArray(7), scope), ids(rs.getArray(8), scope));
    }

    private static String[] strings(Object[] values) {
        return java.util.Arrays.stream(values).map(value -> ((String) value).strip()).toArray(String[]::new);
    }

    private static List<String> ids(java.sql.Array array, AccessScope scope) throws java.sql.SQLException {
        return java.util.Arrays.stream((Object[]) array.getArray()).map(id -> scope.id(((String) id).strip()))
                .toList();
    }

    /** A batch waiting for the caller, and the step it waits for: REVIEW (with its level), APPROVAL, DISBURSEMENT. */
    record AwaitingBatch(BatchSummary batch, String step, Integer level) {
    }

    /**
     * The batches waiting for the caller's step (the reviewer's and finance's inbox): reviewers see the batches in
     * review that they neither posted nor reviewed at another level this round; finance sees those reviewed (to
     * approve) and approved (to disburse). Oldest month first; within the caller's region scope.
     */
    @io.swagger.v3.oas.annotations.Operation(summary = "List the batches waiting for the caller's review or approval")
    @GetMapping("/api/v1/inbox")
    List<AwaitingBatch> awaiting(org.springframework.security.core.Authentication user) {
        boolean reviewer = has(user, "ROLE_REVIEWER");
        boolean finance = has(user, "ROLE_FINANCE");
        List<AwaitingBatch> waiting = new java.util.ArrayList<>();
        List<String> codes = jdbc.sql("SELECT DISTINCT program_code FROM batch_view WHERE status IN ('IN_REVIEW', "
                + "'REVIEWED', 'APPROVED') ORDER BY 1").query(String.class).list();
        for (String code : codes) {
            AccessScope scope = AccessScope.current().scoped() ? scopeForOrNull(code) : AccessScope.current();
            if (scope == null) {
                continue;
            }
            List<BatchSummary> batches = summaries("b.program_code = :code AND b.status IN ('IN_REVIEW', 'REVIEWED', "
                    + "'APPROVED')"
                    // who posted or reviewed a batch this round may not review or approve it
                    + " AND (b.status = 'APPROVED' OR b.posted_by <> :me AND NOT EXISTS (SELECT 1"
                    + " FROM batch_step_view s WHERE s.batch_id = b.batch_id AND s.step = 'REVIEWED'"
                    + " AND s.actor = :me AND s.round = b.round))", Map.of("code", code, "me", user.getName()), scope);
            for (BatchSummary batch : batches) {
                switch (batch.status()) {
                    case "IN_REVIEW" -> {
                        if (reviewer) {
                            waiting.add(new AwaitingBatch(batch, "REVIEW", batch.levelsPassed() + 1));
                        }
                    }
                    case "REVIEWED" -> {
                        if (finance) {
                            waiting.add(new AwaitingBatch(batch, "APPROVAL", null));
                        }
                    }
                    default -> {
                        if (finance) {
                            waiting.add(new AwaitingBatch(batch, "DISBURSEMENT", null));
                        }
                    }
                }
            }
        }
        waiting.sort(java.util.Comparator.comparing((AwaitingBatch a) -> a.batch().period())
                .thenComparing(a -> a.batch().postedAt()));
        return waiting;
    }

    private static boolean has(org.springframework.security.core.Authentication user, String authority) {
        return user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(authority));
    }

    private AccessScope scopeForOrNull(String program) {
        try {
            return scopeFor(program);
        } catch (LedgerException e) {
            return null;
        }
    }

    /** The program of a batch; a batch unknown, or of a program wholly outside the caller's scope → 404. */
    private String programOf(String batchId) {
        return jdbc.sql("SELECT program_code FROM batch_view WHERE batch_id = :id").param("id", batchId)
                .query(String.class).optional()
                .filter(program -> scopeFor(program) != null)
                .orElseThrow(() -> new LedgerException(ErrorCode.UNKNOWN_BATCH, "no batch " + batchId));
    }

    /**
     * The caller's scope as it applies to a program: none when the scope covers the whole of the program's region;
     * a program whose region the scope does not meet at all → 404, as if it did not exist.
     */
    private AccessScope scopeFor(String program) {
        AccessScope scope = AccessScope.current();
        if (!scope.scoped()) {
            return scope;
        }
        return scope.withinProgram(program, jdbc.sql("SELECT region FROM program_view WHERE code = :code")
                .param("code", program).query(String.class).optional().orElse(null));
    }

    /**
     * How many of a batch's lines are in {@code state} (all lines when blank), from its figures, as
     * {@link BatchLineState} decides a line's state: stopped first, then returned, then by the batch's status.
     */
    private static long linesIn(BatchSummary batch, String state) {
        if (state == null || state.isBlank()) {
            return batch.lines();
        }
        int rest = batch.lines() - batch.stopped() - batch.returned();
        return switch (state.strip().toUpperCase()) {
            case "STOPPED" -> batch.stopped();
            case "RETURNED" -> batch.returned();
            case "PAID" -> batch.status().equals("DISBURSED") ? rest : 0;
            case "WITHDRAWN" -> batch.status().equals("WITHDRAWN") ? rest : 0;
            case "PENDING" -> batch.status().equals("DISBURSED") || batch.status().equals("WITHDRAWN") ? 0 : rest;
            default -> 0;
        };
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        java.sql.Date disbursedOn = rs.getDate(17);
        return new Row(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate().toString().substring(0, 7),
                rs.getString(4), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getString(14),
                rs.getTimestamp(15).toInstant(), rs.getString(16),
                disbursedOn == null ? null : disbursedOn.toLocalDate(),
                new BatchRegionFigures.Figures(rs.getInt(8), rs.getLong(9), rs.getInt(10), rs.getInt(11),
                        rs.getInt(12), rs.getLong(13), rs.getInt(18), rs.getLong(19), rs.getInt(20), rs.getLong(21)));
    }

    private static BatchSummary summary(Row row, BatchRegionFigures.Figures f) {
        boolean disbursed = row.status().equals("DISBURSED");
        return new BatchSummary(row.batchId(), row.program(), row.period(), row.status(), row.reviewLevels(),
                row.levelsPassed(), row.round(), f.lines(), Amounts.yuan(f.totalFen()), f.shortCount(),
                f.overCount(), f.stopped(), Amounts.yuan(f.stoppedFen()), f.returned(), Amounts.yuan(f.returnedFen()),
                disbursed ? f.lines() - f.stopped() - f.returned() : 0,
                Amounts.yuan(disbursed ? f.totalFen() - f.stoppedFen() - f.returnedFen() : 0), f.deducted(),
                Amounts.yuan(f.deductedFen()), row.source(), row.postedAt(), row.postedBy(), row.disbursedOn());
    }
}
