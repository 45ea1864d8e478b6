package org.subsidyledger.projections.verification;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.projections.indicator.AsOf;
import org.subsidyledger.projections.port.AccessScope;

/**
 * The 两上两下 work queue (rule 12, docs/api.md): {@code GET /suspected-facts} lists suspected facts by region with
 * their age, as of a moment, the oldest first; one older than {@code ledger.verification.overdue-after-days} (15 by
 * default) while open is flagged {@code overdue}. {@code GET /suspected-facts/summary} gives the figures per region:
 * open, overdue, confirmed, dismissed, and the median days to verify (raised → settled) of those settled by then.
 * Both within the caller's scope; IDs and names masked for EVALUATOR and AUDITOR. Days count in the office's calendar
 * ({@code Asia/Shanghai}).
 */
@RestController
@PreAuthorize("isAuthenticated()")
class SuspectedFactQueryController {

    private static final int MAX_SIZE = 500;
    private static final ZoneId OFFICE = ZoneId.of("Asia/Shanghai");

    private final JdbcClient jdbc;
    private final int overdueAfterDays;

    SuspectedFactQueryController(JdbcClient jdbc,
                                 @Value("${ledger.verification.overdue-after-days:15}") int overdueAfterDays) {
        this.jdbc = jdbc;
        this.overdueAfterDays = overdueAfterDays;
    }

    record SuspectedFact(String id, String recipientId, String name, String region, String kind, String from,
                         String to, String program, String otherScheme, String source, String comparisonId, int line,
                         Instant raisedAt, String raisedBy, String status, long ageDays, boolean overdue,
                         Instant settledAt, String settledBy, String factId, String foundOn, String evidence,
                         String reason) {
    }

    record SuspectedFactList(List<SuspectedFact> items, int page, int size, long total, long open, long overdue,
                             int overdueAfterDays, Instant asOf) {
    }

    /** A region's queue as of a moment: its open and overdue facts, those settled, and how fast. */
    record RegionQueue(String region, long suspectedFactsOpen, long overdue, long confirmed, long dismissed,
                       Double medianDaysToVerify, Long oldestOpenDays) {
    }

    record QueueSummary(List<RegionQueue> regions, RegionQueue all, int overdueAfterDays, Instant asOf) {
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "The 两上两下 work queue: suspected facts, as of a moment")
    @GetMapping("/api/v1/suspected-facts")
    SuspectedFactList list(@RequestParam(required = false) String region,
                           @RequestParam(required = false) String status, @RequestParam(required = false) String kind,
                           @RequestParam(required = false) String comparison,
                           @RequestParam(required = false) String recipient,
                           @RequestParam(required = false) Boolean overdue,
                           @RequestParam(required = false) String asOf,
                           @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        Instant at = AsOf.parse(asOf);
        Map<String, Object> params = new LinkedHashMap<>();
        String rows = rows(region, at, params);
        List<String> where = new ArrayList<>();
        if (status != null && !status.isBlank()) {
            String code = status.strip().toUpperCase();
            if (!List.of("OPEN", "CONFIRMED", "DISMISSED").contains(code)) {
                throw new LedgerException(ErrorCode.INVALID_QUERY, "status must be OPEN, CONFIRMED or DISMISSED");
            }
            where.add("status = :status");
            params.put("status", code);
        }
        if (kind != null && !kind.isBlank()) {
            String code = kind.strip().toUpperCase();
            if (!List.of("DEATH", "SUSPENSION", "DUPLICATE_CLAIM").contains(code)) {
                throw new LedgerException(ErrorCode.INVALID_QUERY, "kind must be DEATH, SUSPENSION or DUPLICATE_CLAIM");
            }
            where.add("kind = :kind");
            params.put("kind", code);
        }
        if (comparison != null && !comparison.isBlank()) {
            where.add("comparison_id = :comparison");
            params.put("comparison", comparison.strip());
        }
        if (recipient != null && !recipient.isBlank()) {
            where.add("recipient_id = :recipient");
            params.put("recipient", recipient.strip().toUpperCase());
        }
        if (overdue != null) {
            where.add((overdue ? "" : "NOT ") + "(status = 'OPEN' AND age_days > :overdue_after)");
        }
        String filtered = "SELECT * FROM (" + rows + ") q" + (where.isEmpty() ? "" : " WHERE "
                + String.join(" AND ", where));
        int pageSize = Math.max(1, Math.min(MAX_SIZE, size));
        int pageNumber = Math.max(0, page);
        long[] counts = jdbc.sql("SELECT count(*), count(*) FILTER (WHERE status = 'OPEN'), count(*) FILTER (WHERE "
                        + "status = 'OPEN' AND age_days > :overdue_after) FROM (" + filtered + ") f")
                .params(params).query((rs, n) -> new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)}).single();
        AccessScope caller = AccessScope.current();
        // The page first, then its names: a name per row of a 100k queue would be read for every count.
        List<SuspectedFact> items = jdbc.sql("SELECT p.*, n.name FROM (" + filtered + " ORDER BY raised_at, region, "
                        + "line, suspect_id LIMIT :limit OFFSET :offset) p LEFT JOIN LATERAL (SELECT e.name FROM "
                        + "enrolment_view e WHERE e.recipient_id = p.recipient_id ORDER BY e.program_code LIMIT 1) n "
                        + "ON true ORDER BY p.raised_at, p.region, p.line, p.suspect_id")
                .params(params).param("limit", pageSize).param("offset", (long) pageNumber * pageSize)
                .query((rs, n) -> new SuspectedFact(rs.getString("suspect_id"),
                        caller.id(rs.getString("recipient_id")), caller.name(rs.getString("name")),
                        rs.getString("region"), rs.getString("kind"), rs.getString("from_date"),
                        rs.getString("to_date"), rs.getString("program_code"), rs.getString("other_scheme"),
                        rs.getString("source"), rs.getString("comparison_id"), rs.getInt("line"),
                        rs.getTimestamp("raised_at").toInstant(), rs.getString("raised_by"), rs.getString("status"),
                        rs.getLong("age_days"), rs.getString("status").equals("OPEN")
                        && rs.getLong("age_days") > overdueAfterDays,
                        rs.getTimestamp("settled") == null ? null : rs.getTimestamp("settled").toInstant(),
                        rs.getString("settler"), rs.getString("fact"), rs.getString("found"),
                        rs.getString("evidence_ref"), rs.getString("dismissal_reason")))
                .list();
        return new SuspectedFactList(items, pageNumber, pageSize, counts[0], counts[1], counts[2], overdueAfterDays,
                at);
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "The 两上两下 queue per region: open, overdue, median days to "
            + "verify, as of a moment")
    @GetMapping("/api/v1/suspected-facts/summary")
    QueueSummary summary(@RequestParam(required = false) String region,
                         @RequestParam(required = false) String asOf) {
        Instant at = AsOf.parse(asOf);
        Map<String, Object> params = new LinkedHashMap<>();
        String rows = rows(region, at, params);
        String figures = """
                count(*) FILTER (WHERE status = 'OPEN'),
                count(*) FILTER (WHERE status = 'OPEN' AND age_days > :overdue_after),
                count(*) FILTER (WHERE status = 'CONFIRMED'), count(*) FILTER (WHERE status = 'DISMISSED'),
                percentile_cont(0.5) WITHIN GROUP (ORDER BY age_days) FILTER (WHERE status <> 'OPEN'),
                max(age_days) FILTER (WHERE status = 'OPEN')""";
        List<RegionQueue> regions = jdbc.sql("SELECT region, " + figures + " FROM (" + rows + ") q GROUP BY region "
                        + "ORDER BY region")
                .params(params).query((rs, n) -> queue(rs, rs.getString(1), 2)).list();
        RegionQueue all = jdbc.sql("SELECT " + figures + " FROM (" + rows + ") q").params(params)
                .query((rs, n) -> queue(rs, null, 1)).single();
        return new QueueSummary(regions, all, overdueAfterDays, at);
    }

    private static RegionQueue queue(java.sql.ResultSet rs, String region, int first) throws java.sql.SQLException {
        double median = rs.getDouble(first + 4);
        Double medianDays = rs.wasNull() ? null : median;
        long oldest = rs.getLong(first + 5);
        Long oldestDays = rs.wasNull() ? null : oldest;
        return new RegionQueue(region, rs.getLong(first), rs.getLong(first + 1), rs.getLong(first + 2),
                rs.getLong(first + 3), medianDays, oldestDays);
    }

    /**
     * The suspected facts raised by {@code :at} within the caller's scope (narrowed to {@code region}), each with its
     * status then (OPEN until settled by then) and its age in days: to the settling when settled, else to {@code :at}.
     */
    private String rows(String region, Instant at, Map<String, Object> params) {
        params.put("at", Timestamp.from(at));
        params.put("today", java.sql.Date.valueOf(LocalDate.ofInstant(at, OFFICE)));
        params.put("overdue_after", overdueAfterDays);
        AccessScope scope = AccessScope.current().narrowedTo(region);
        String scoped = "";
        if (scope.scoped()) {
            scoped = " AND " + scope.sql("v.region");
            params.put("scope_regions", scope.likePatterns());
        }
        return """
                SELECT v.*,
                       CASE WHEN v.settled_at <= :at THEN v.outcome ELSE 'OPEN' END AS status,
                       CASE WHEN v.settled_at <= :at THEN v.settled_at END AS settled,
                       CASE WHEN v.settled_at <= :at THEN v.settled_by END AS settler,
                       CASE WHEN v.settled_at <= :at THEN v.fact_id END AS fact,
                       CASE WHEN v.settled_at <= :at THEN CAST(v.found_on AS varchar) END AS found,
                       CASE WHEN v.settled_at <= :at THEN v.evidence END AS evidence_ref,
                       CASE WHEN v.settled_at <= :at THEN v.reason END AS dismissal_reason,
                       (CASE WHEN v.settled_at <= :at THEN CAST(timezone('Asia/Shanghai', v.settled_at) AS date)
                             ELSE :today END) - CAST(timezone('Asia/Shanghai', v.raised_at) AS date) AS age_days
                FROM suspected_fact_view v
                WHERE v.raised_at <= :at""" + scoped;
    }
}
