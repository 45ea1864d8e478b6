package org.subsidyledger.projections.overpayment;

import org.subsidyledger.contract.error.LedgerException;

import org.subsidyledger.contract.error.ErrorCode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.subsidyledger.projections.port.AccessScope;
import org.subsidyledger.projections.support.Amounts;

/**
 * The recovery ledger (追回台账, docs/api.md): {@code GET /overpayments} filtered by program, status, cause, region and
 * recipient, sorted by amount or age, paged, with the totals of everything the filter selects; and
 * {@code GET /overpayments/{id}} with the month-by-month breakdown, the payments behind it, the fact and the case's
 * history.
 *
 * <p>It is over 300 lines because the list, its totals and the export share one filter (the where-clause builder at
 * the end) and the case page's reads; splitting them would spread one filter over several files.
 */
@RestController
@PreAuthorize("isAuthenticated()")
class OverpaymentQueryController {

    private static final Set<String> STATUSES = Set.of("OPEN", "PARTIAL", "RECOVERED", "WRITTEN_OFF", "CANCELLED");
    private static final Set<String> CAUSES = Set.of("DEATH", "SUSPENSION", "DUPLICATE_CLAIM", "ENROLMENT_END",
            "STANDARD_CHANGE", "DUPLICATE_ONE_OFF");
    private static final int MAX_SIZE = 1000;

    private final JdbcClient jdbc;
    private final LedgerExport export;

    OverpaymentQueryController(JdbcClient jdbc, javax.sql.DataSource dataSource,
                               org.springframework.transaction.PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        org.springframework.jdbc.core.JdbcTemplate streaming = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        streaming.setFetchSize(1_000);
        org.springframework.transaction.support.TransactionTemplate readOnly =
                new org.springframework.transaction.support.TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        this.export = new LedgerExport(
                new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(streaming), readOnly);
    }

    record Item(String id, String recipientId, String name, String region, String program, String cause,
                String rule, List<String> months, String amount, String recovered, String writtenOff,
                String outstanding, String refundDue, String status, LocalDate identifiedOn, long ageDays,
                String factId, String deductionCap) {
    }

    record Totals(long cases, String amount, String recovered, String writtenOff, String outstanding,
                  String refundDue) {
    }

    record Ledger(List<Item> items, int page, int size, long total, Totals totals) {
    }

    record OverpaidMonth(String period, String batchId, int line, String amount, String paymentEventId) {
    }

    record CaseHistoryEntry(long sequence, String change, String amount, String detail, Instant recordedAt,
                            String recordedBy, String role, String eventId) {
    }

    record CaseFact(String factId, String kind, String program, LocalDate from, LocalDate to, String detail,
                String source, String state, Instant recordedAt, String recordedBy, String eventId) {
    }

    record CaseDetail(Item overpayment, String ruleDescription, Instant identifiedAt, String identifiedBy,
                      String eventId, List<OverpaidMonth> months, CaseFact fact, List<CaseHistoryEntry> history) {
    }

    private static final String SELECT = """
            SELECT o.case_id, o.recipient_id, e.name, e.region, o.program_code, o.cause, o.rule,
                   ARRAY(SELECT to_char(m.period, 'YYYY-MM') FROM overpayment_month_view m
                         WHERE m.case_id = o.case_id ORDER BY m.period) AS months,
                   o.amount_fen, o.recovered_fen, o.written_off_fen, o.status, o.identified_on, o.fact_id,
                   o.outstanding_fen, o.refund_due_fen, o.deduction_cap_fen
            FROM overpayment_view o
            LEFT JOIN enrolment_view e ON e.program_code = o.program_code AND e.recipient_id = o.recipient_id""";

    /**
     * @param region a 行政区划 code; a city or province code includes its districts (650100 → 6501…)
     * @param sort   {@code age} (days since identified), {@code amount} or {@code outstanding}
     * @param order  {@code desc} (default: oldest or largest first) or {@code asc}
     */
    @io.swagger.v3.oas.annotations.Operation(summary = "List overpayment cases (追回台账)")
    @GetMapping("/api/v1/overpayments")
    Ledger ledger(@RequestParam(required = false) String program, @RequestParam(required = false) String status,
                  @RequestParam(required = false) String cause, @RequestParam(required = false) String region,
                  @RequestParam(required = false) String recipient, @RequestParam(required = false) String aging,
                  @RequestParam(defaultValue = "age") String sort, @RequestParam(defaultValue = "desc") String order,
                  @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        filters(program, status, cause, region, recipient, aging, where, params);
        String filter = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        String orderBy = switch (sort.strip().toLowerCase()) {
            case "age" -> "o.identified_at " + (descending(order) ? "ASC" : "DESC");
            case "amount" -> "o.amount_fen " + (descending(order) ? "DESC" : "ASC");
            case "outstanding" -> "o.outstanding_fen" + (descending(order) ? " DESC" : " ASC");
            default -> throw new LedgerException(ErrorCode.INVALID_QUERY, "sort must be age, amount or outstanding");
        };
        int pageSize = Math.max(1, Math.min(MAX_SIZE, size));
        int pageNumber = Math.max(0, page);
        var totalsQuery = jdbc.sql("""
                SELECT count(*), coalesce(sum(o.amount_fen), 0), coalesce(sum(o.recovered_fen), 0),
                       coalesce(sum(o.written_off_fen), 0), coalesce(sum(o.outstanding_fen), 0),
                       coalesce(sum(o.refund_due_fen), 0)
                FROM overpayment_view o
                LEFT JOIN enrolment_view e ON e.program_code = o.program_code AND e.recipient_id = o.recipient_id
                """ + filter).params(params);
        Totals totals = totalsQuery.query((rs, n) -> new Totals(rs.getLong(1), Amounts.yuan(rs.getLong(2)),
                Amounts.yuan(rs.getLong(3)), Amounts.yuan(rs.getLong(4)), Amounts.yuan(rs.getLong(5)),
                Amounts.yuan(rs.getLong(6)))).single();
        LocalDate today = org.subsidyledger.contract.value.BusinessDates.today();
        AccessScope caller = AccessScope.current();
        List<Item> items = jdbc.sql(SELECT + filter + " ORDER BY " + orderBy + ", o.case_id LIMIT :limit OFFSET :offset")
                .params(params).param("limit", pageSize).param("offset", (long) pageNumber * pageSize)
                .query((rs, n) -> item(rs, today, caller)).list();
        return new Ledger(items, pageNumber, pageSize, totals.cases(), totals);
    }

    /**
     * The filtered ledger as a file: {@code format=csv} (UTF-8 with BOM) or {@code xlsx}, Chinese headers, oldest
     * case first, streamed from the database.
     */
    @io.swagger.v3.oas.annotations.Operation(summary = "Export the overpayment ledger (CSV or XLSX)")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200",
            description = "the ledger as a file: CSV (UTF-8 with BOM) or XLSX", content = {
            @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/csv",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")),
            @io.swagger.v3.oas.annotations.media.Content(
                    mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary"))})
    @GetMapping("/api/v1/overpayments/export")
    org.springframework.http.ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody>
            exportLedger(@RequestParam(defaultValue = "csv") String format,
                         @RequestParam(required = false) String program, @RequestParam(required = false) String status,
                         @RequestParam(required = false) String cause, @RequestParam(required = false) String region,
                         @RequestParam(required = false) String recipient,
                         @RequestParam(required = false) String aging) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        filters(program, status, cause, region, recipient, aging, where, params);
        String sql = SELECT + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY o.identified_at, o.case_id";
        boolean xlsx = switch (format.strip().toLowerCase()) {
            case "csv" -> false;
            case "xlsx" -> true;
            default -> throw new LedgerException(ErrorCode.INVALID_QUERY, "format must be csv or xlsx");
        };
        AccessScope caller = AccessScope.current();
        String fileName = "overpayments-" + org.subsidyledger.contract.value.BusinessDates.today() + (xlsx ? ".xlsx" : ".csv");
        return org.springframework.http.ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .contentType(org.springframework.http.MediaType.parseMediaType(xlsx
                        ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                        : "text/csv;charset=UTF-8"))
                .body(out -> {
                    if (xlsx) {
                        export.xlsx(sql, params, out, caller);
                    } else {
                        export.csv(sql, params, out, caller);
                    }
                });
    }

    /** One group of a summary: its key and the sums of its cases. */
    record Group(String key, long cases, String amount, String recovered, String writtenOff, String outstanding,
                 String refundDue) {
    }

    /** Aging buckets, by whole months since a case was identified (docs/api.md 追回台账, issue 5). */
    private static final String AGING = """
            CASE WHEN age(current_date, o.identified_on) < interval '3 months' THEN '0-3'
                 WHEN age(current_date, o.identified_on) < interval '6 months' THEN '3-6'
                 WHEN age(current_date, o.identified_on) < interval '12 months' THEN '6-12'
                 ELSE '12+' END""";

    /**
     * The ledger summed by {@code cause}, {@code region} (the recipient's 行政区划), {@code status} or {@code aging}
     * (0-3, 3-6, 6-12, 12+ months since identified), with the same filters as the list.
     */
    @io.swagger.v3.oas.annotations.Operation(summary = "Sum overpayments by cause, program, region or status")
    @GetMapping("/api/v1/overpayments/summary")
    List<Group> summary(@RequestParam String by, @RequestParam(required = false) String program,
                        @RequestParam(required = false) String status, @RequestParam(required = false) String cause,
                        @RequestParam(required = false) String region,
                        @RequestParam(required = false) String aging) {
        String key = switch (by.strip().toLowerCase()) {
            case "cause" -> "o.cause";
            case "region" -> "coalesce(e.region, '')";
            case "status" -> "o.status";
            case "aging" -> AGING;
            default -> throw new LedgerException(ErrorCode.INVALID_QUERY, "by must be cause, region, status or aging");
        };
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        filters(program, status, cause, region, null, aging, where, params);
        String filter = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        return jdbc.sql("""
                        SELECT %s AS key, count(*), sum(o.amount_fen), sum(o.recovered_fen), sum(o.written_off_fen),
                               sum(o.outstanding_fen), sum(o.refund_due_fen)
                        FROM overpayment_view o
                        LEFT JOIN enrolment_view e ON e.program_code = o.program_code AND e.recipient_id = o.recipient_id
                        %s GROUP BY 1 ORDER BY 1""".formatted(key, filter))
                .params(params)
                .query((rs, n) -> new Group(rs.getString(1), rs.getLong(2), Amounts.yuan(rs.getLong(3)),
                        Amounts.yuan(rs.getLong(4)), Amounts.yuan(rs.getLong(5)), Amounts.yuan(rs.getLong(6)),
                        Amounts.yuan(rs.getLong(7))))
                .list();
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Show an overpayment case with its months and history")
    @GetMapping("/api/v1/overpayments/{id}")
    CaseDetail overpayment(@PathVariable String id) {
        LocalDate today = org.subsidyledger.contract.value.BusinessDates.today();
        AccessScope caller = AccessScope.current();
        Item item = jdbc.sql(SELECT + " WHERE o.case_id = :id AND " + caller.sql("e.region")).param("id", id)
                .param("scope_regions", caller.likePatterns())
                .query((rs, n) -> item(rs, today, caller)).optional()
                .orElseThrow(() -> new LedgerException(ErrorCode.UNKNOWN_OVERPAYMENT, "no overpayment case " + id));
        record Header(String description, Instant at, String by, String eventId) {
        }
        Header header = jdbc.sql("""
                        SELECT rule_description, identified_at, identified_by, event_id FROM overpayment_view
                        WHERE case_id = :id""").param("id", id)
                .query((rs, n) -> new Header(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4))).single();
        List<OverpaidMonth> months = jdbc.sql("""
                        SELECT to_char(period, 'YYYY-MM'), batch_id, line, amount_fen, payment_event_id
                        FROM overpayment_month_view WHERE case_id = :id ORDER BY period, batch_id""")
                .param("id", id)
                .query((rs, n) -> new OverpaidMonth(rs.getString(1), rs.getString(2), rs.getInt(3),
                        Amounts.yuan(rs.getLong(4)), rs.getString(5))).list();
        CaseFact fact = jdbc.sql("""
                        SELECT fact_id, kind, program_code, from_date, to_date, detail, source, state, recorded_at,
                               recorded_by, event_id
                        FROM life_fact_view WHERE fact_id = :id""").param("id", item.factId())
                .query((rs, n) -> new CaseFact(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getDate(4).toLocalDate(), rs.getDate(5) == null ? null : rs.getDate(5).toLocalDate(),
                        caller.text(rs.getString(6)), caller.text(rs.getString(7)), rs.getString(8),
                        rs.getTimestamp(9).toInstant(),
                        rs.getString(10), rs.getString(11))).optional().orElse(null);
        List<CaseHistoryEntry> history = jdbc.sql("""
                        SELECT sequence, change, amount_fen, detail, recorded_at, recorded_by, role, event_id
                        FROM overpayment_change_view WHERE case_id = :id ORDER BY sequence""").param("id", id)
                .query((rs, n) -> new CaseHistoryEntry(rs.getLong(1), rs.getString(2), Amounts.yuan(rs.getLong(3)),
                        caller.text(rs.getString(4)), rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7),
                        rs.getString(8))).list();
        return new CaseDetail(item, header.description(), header.at(), header.by(), header.eventId(), months, fact,
                history);
    }

    private static Item item(java.sql.ResultSet rs, LocalDate today, AccessScope caller)
            throws java.sql.SQLException {
        String[] months = (String[]) rs.getArray(8).getArray();
        long amount = rs.getLong(9);
        long recovered = rs.getLong(10);
        long writtenOff = rs.getLong(11);
        String status = rs.getString(12);
        LocalDate identifiedOn = rs.getDate(13).toLocalDate();
        long cap = rs.getLong(17);
        String deductionCap = rs.wasNull() ? null : Amounts.yuan(cap);
        return new Item(rs.getString(1), caller.id(rs.getString(2)), caller.name(rs.getString(3)), rs.getString(4),
                rs.getString(5),
                rs.getString(6), rs.getString(7), List.of(months), Amounts.yuan(amount), Amounts.yuan(recovered),
                Amounts.yuan(writtenOff), Amounts.yuan(rs.getLong(15)), Amounts.yuan(rs.getLong(16)), status,
                identifiedOn, ChronoUnit.DAYS.between(identifiedOn, today), rs.getString(14),
                deductionCap);
    }

    /** Aging buckets a list may be filtered by ({@code aging=}), as the summary names them. */
    private static final Set<String> AGING_BUCKETS = Set.of("0-3", "3-6", "6-12", "12+");

    static void filters(String program, String status, String cause, String region, String recipient,
                                String aging, List<String> where, Map<String, Object> params) {
        if (aging != null && !aging.isBlank()) {
            where.add(AGING + " = :aging");
            params.put("aging", oneOf("aging", aging.strip().replace(' ', '+'), AGING_BUCKETS));
        }
        if (program != null && !program.isBlank()) {
            where.add("o.program_code = :program");
            params.put("program", program.strip());
        }
        if (status != null && !status.isBlank()) {
            where.add("o.status = :status");
            params.put("status", oneOf("status", status, STATUSES));
        }
        if (cause != null && !cause.isBlank()) {
            where.add("o.cause = :cause");
            params.put("cause", oneOf("cause", cause, CAUSES));
        }
        if (recipient != null && !recipient.isBlank()) {
            where.add("o.recipient_id = :recipient");
            params.put("recipient", recipient.strip().toUpperCase());
        }
        AccessScope scope = AccessScope.current().narrowedTo(region);
        if (scope.scoped()) {
            where.add(scope.sql("e.region"));
            params.put("scope_regions", scope.likePatterns());
        }
    }

    private static boolean descending(String order) {
        return switch (order.strip().toLowerCase()) {
            case "desc" -> true;
            case "asc" -> false;
            default -> throw new LedgerException(ErrorCode.INVALID_QUERY, "order must be asc or desc");
        };
    }

    private static String oneOf(String name, String value, Set<String> allowed) {
        String normalised = value.strip().toUpperCase();
        if (!allowed.contains(normalised)) {
            throw new LedgerException(ErrorCode.INVALID_QUERY, name + " must be one of " + allowed.stream().sorted().toList());
        }
        return normalised;
    }
}
