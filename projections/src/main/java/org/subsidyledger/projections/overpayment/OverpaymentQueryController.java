package org.subsidyledger.projections.overpayment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.contract.value.BusinessDates;
import org.subsidyledger.projections.overpayment.LedgerQuery.Filter;
import org.subsidyledger.projections.overpayment.LedgerQuery.Where;
import org.subsidyledger.projections.port.AccessScope;
import org.subsidyledger.projections.support.Amounts;
import org.subsidyledger.projections.support.Labels;

/**
 * The recovery ledger (追回台账, docs/api.md): {@code GET /overpayments} filtered by program, status, cause, region,
 * recipient, aging and the recovery procedure (appeal open, notice delivered, instalments overdue, next step), sorted
 * by amount or age, paged, with the totals of everything the filter selects; and {@code GET /overpayments/{id}} with
 * the month-by-month breakdown, the payments behind it, the fact, the recovery procedure and the case's history. What
 * depends on the day (age, days since delivery, instalments overdue, next step) is as of today's business date; the
 * SQL the list, totals, summary and export share is {@link LedgerQuery}.
 *
 * <p>It is over 300 lines because the list, its totals, the summary, the export and the case page are one family of
 * reads over the same rows; splitting them would spread one endpoint's contract over several files.
 */
@RestController
@PreAuthorize("isAuthenticated()")
class OverpaymentQueryController {

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

    /**
     * One case of the ledger. {@code ageDays}: days since the notice's delivery, else since identification;
     * {@code noticeDeliveredOn}: the case's first delivery (null before); {@code nextStep}: a code of
     * {@link LedgerQuery#NEXT_STEPS} with its Chinese name; {@code instalmentsOverdue}: instalments due and not paid.
     */
    record Item(String id, String recipientId, String name, String region, String program, String cause,
                String rule, List<String> months, String amount, String recovered, String writtenOff,
                String outstanding, String refundDue, String status, LocalDate identifiedOn, long ageDays,
                String factId, String deductionCap, LocalDate noticeDeliveredOn, Long daysSinceDelivery,
                String nextStep, String nextStepLabel, boolean appealOpen, int instalmentsOverdue) {
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

    /**
     * The instalment agreement in force, as of today: {@code due} = min(total, amountPerMonth × the months from
     * {@code firstMonth} ended), {@code paid} = recovered since the agreement, {@code overdue} instalments.
     */
    record InstalmentPlan(String amountPerMonth, String firstMonth, String total, LocalDate agreedOn, String due,
                          String paid, int overdue) {
    }

    /**
     * The recovery procedure of a case (rule 14): notices generated, the first delivery and the clocks it started,
     * the open appeal, the last contact and the instalment plan (null when none).
     */
    record CaseProcedure(int notices, LocalDate lastNoticeOn, LocalDate noticeDeliveredOn, String deliveryMethod,
                         LocalDate deductionsFrom, LocalDate appealDeadline, String openAppealId,
                         LocalDate appealFiledOn, LocalDate lastContactOn, InstalmentPlan instalments) {
    }

    record CaseDetail(Item overpayment, String ruleDescription, Instant identifiedAt, String identifiedBy,
                      String eventId, List<OverpaidMonth> months, CaseFact fact, CaseProcedure procedure,
                      List<CaseHistoryEntry> history) {
    }

    /**
     * @param region a 行政区划 code; a city or province code includes its districts (650100 → 6501…)
     * @param sort   {@code age} (days since delivery, else since identified), {@code amount} or {@code outstanding}
     * @param order  {@code desc} (default: oldest or largest first) or {@code asc}
     */
    @io.swagger.v3.oas.annotations.Operation(summary = "List overpayment cases (追回台账)")
    @GetMapping("/api/v1/overpayments")
    Ledger ledger(@RequestParam(required = false) String program, @RequestParam(required = false) String status,
                  @RequestParam(required = false) String cause, @RequestParam(required = false) String region,
                  @RequestParam(required = false) String recipient, @RequestParam(required = false) String aging,
                  @RequestParam(required = false) String appealOpen,
                  @RequestParam(required = false) String noticeDelivered,
                  @RequestParam(required = false) String instalmentsOverdue,
                  @RequestParam(required = false) String nextStep,
                  @RequestParam(defaultValue = "age") String sort, @RequestParam(defaultValue = "desc") String order,
                  @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return ledger(new Filter(program, status, cause, region, recipient, aging, appealOpen, noticeDelivered,
                instalmentsOverdue, nextStep), sort, order, page, size);
    }

    Ledger ledger(Filter filter, String sort, String order, int page, int size) {
        LocalDate today = BusinessDates.today();
        Where where = LedgerQuery.where(filter, today);
        boolean descending = descending(order);
        String orderBy = switch (sort.strip().toLowerCase()) {
            case "age" -> descending ? LedgerQuery.AGING_FROM + " ASC, o.identified_at ASC"
                    : LedgerQuery.AGING_FROM + " DESC, o.identified_at DESC";
            case "amount" -> "o.amount_fen " + (descending ? "DESC" : "ASC");
            case "outstanding" -> "o.outstanding_fen" + (descending ? " DESC" : " ASC");
            default -> throw new LedgerException(ErrorCode.INVALID_QUERY, "sort must be age, amount or outstanding");
        };
        int pageSize = Math.max(1, Math.min(MAX_SIZE, size));
        int pageNumber = Math.max(0, page);
        Totals totals = jdbc.sql("""
                        SELECT count(*), coalesce(sum(o.amount_fen), 0), coalesce(sum(o.recovered_fen), 0),
                               coalesce(sum(o.written_off_fen), 0), coalesce(sum(o.outstanding_fen), 0),
                               coalesce(sum(o.refund_due_fen), 0)""" + LedgerQuery.FROM + where.clause())
                .params(where.params())
                .query((rs, n) -> new Totals(rs.getLong(1), Amounts.yuan(rs.getLong(2)), Amounts.yuan(rs.getLong(3)),
                        Amounts.yuan(rs.getLong(4)), Amounts.yuan(rs.getLong(5)), Amounts.yuan(rs.getLong(6))))
                .single();
        AccessScope caller = AccessScope.current();
        List<Item> items = jdbc.sql(LedgerQuery.SELECT + where.clause() + " ORDER BY " + orderBy
                        + ", o.case_id LIMIT :limit OFFSET :offset")
                .params(where.params()).param("limit", pageSize).param("offset", (long) pageNumber * pageSize)
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
                         @RequestParam(required = false) String aging,
                         @RequestParam(required = false) String appealOpen,
                         @RequestParam(required = false) String noticeDelivered,
                         @RequestParam(required = false) String instalmentsOverdue,
                         @RequestParam(required = false) String nextStep) {
        return exportLedger(format, new Filter(program, status, cause, region, recipient, aging, appealOpen,
                noticeDelivered, instalmentsOverdue, nextStep));
    }

    org.springframework.http.ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody>
            exportLedger(String format, Filter filter) {
        LocalDate today = BusinessDates.today();
        Where where = LedgerQuery.where(filter, today);
        String sql = LedgerQuery.SELECT + where.clause() + " ORDER BY " + LedgerQuery.AGING_FROM
                + ", o.identified_at, o.case_id";
        boolean xlsx = switch (format.strip().toLowerCase()) {
            case "csv" -> false;
            case "xlsx" -> true;
            default -> throw new LedgerException(ErrorCode.INVALID_QUERY, "format must be csv or xlsx");
        };
        AccessScope caller = AccessScope.current();
        String fileName = "overpayments-" + today + (xlsx ? ".xlsx" : ".csv");
        return org.springframework.http.ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .contentType(org.springframework.http.MediaType.parseMediaType(xlsx
                        ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                        : "text/csv;charset=UTF-8"))
                .body(out -> {
                    if (xlsx) {
                        export.xlsx(sql, where.params(), out, today, caller);
                    } else {
                        export.csv(sql, where.params(), out, today, caller);
                    }
                });
    }

    /** One group of a summary: its key and the sums of its cases. */
    record Group(String key, long cases, String amount, String recovered, String writtenOff, String outstanding,
                 String refundDue) {
    }

    /**
     * The ledger summed by {@code cause}, {@code region} (the recipient's 行政区划), {@code status}, {@code aging}
     * (0-3, 3-6, 6-12, 12+ months since the notice's delivery, else since identified) or {@code nextStep}, with the
     * same filters as the list.
     */
    @io.swagger.v3.oas.annotations.Operation(summary = "Sum overpayments by cause, region, status, aging or next step")
    @GetMapping("/api/v1/overpayments/summary")
    List<Group> summary(@RequestParam String by, @RequestParam(required = false) String program,
                        @RequestParam(required = false) String status, @RequestParam(required = false) String cause,
                        @RequestParam(required = false) String region,
                        @RequestParam(required = false) String aging,
                        @RequestParam(required = false) String appealOpen,
                        @RequestParam(required = false) String noticeDelivered,
                        @RequestParam(required = false) String instalmentsOverdue,
                        @RequestParam(required = false) String nextStep) {
        return summary(by, new Filter(program, status, cause, region, null, aging, appealOpen, noticeDelivered,
                instalmentsOverdue, nextStep));
    }

    List<Group> summary(String by, Filter filter) {
        String key = switch (by.strip().toLowerCase()) {
            case "cause" -> "o.cause";
            case "region" -> "coalesce(e.region, '')";
            case "status" -> "o.status";
            case "aging" -> LedgerQuery.AGING;
            case "nextstep" -> "s.next_step";
            default -> throw new LedgerException(ErrorCode.INVALID_QUERY,
                    "by must be cause, region, status, aging or nextStep");
        };
        Where where = LedgerQuery.where(filter, BusinessDates.today());
        return jdbc.sql("""
                        SELECT %s AS key, count(*), sum(o.amount_fen), sum(o.recovered_fen), sum(o.written_off_fen),
                               sum(o.outstanding_fen), sum(o.refund_due_fen)""".formatted(key)
                        + LedgerQuery.FROM + where.clause() + " GROUP BY 1 ORDER BY 1")
                .params(where.params())
                .query((rs, n) -> new Group(rs.getString(1), rs.getLong(2), Amounts.yuan(rs.getLong(3)),
                        Amounts.yuan(rs.getLong(4)), Amounts.yuan(rs.getLong(5)), Amounts.yuan(rs.getLong(6)),
                        Amounts.yuan(rs.getLong(7))))
                .list();
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Show an overpayment case with its months, procedure and history")
    @GetMapping("/api/v1/overpayments/{id}")
    CaseDetail overpayment(@PathVariable String id) {
        LocalDate today = BusinessDates.today();
        AccessScope caller = AccessScope.current();
        // the caller's region scope is part of every where-clause: a case outside it is not found
        Where where = LedgerQuery.where(Filter.of(null, null, null, null, null, null), today).and("o.case_id = :id");
        Item item = jdbc.sql(LedgerQuery.SELECT + where.clause()).params(where.params()).param("id", id)
                .query((rs, n) -> item(rs, today, caller)).optional()
                .orElseThrow(() -> new LedgerException(ErrorCode.UNKNOWN_OVERPAYMENT, "no overpayment case " + id));
        record Header(String description, Instant at, String by, String eventId, CaseProcedure procedure) {
        }
        Header header = jdbc.sql("""
                        SELECT o.rule_description, o.identified_at, o.identified_by, o.event_id, o.notice_count,
                               o.last_notice_on, o.notice_delivered_on, o.delivery_method, o.deductions_from,
                               o.appeal_deadline, o.open_appeal_id, o.appeal_filed_on, o.last_contact_on,
                               o.instalment_fen, to_char(o.instalments_from, 'YYYY-MM') AS first_month,
                               o.instalments_total_fen, o.instalments_agreed_on, i.due_fen, i.paid_fen,
                               d.instalments_overdue""" + LedgerQuery.FROM + " WHERE o.case_id = :id")
                .params(where.params()).param("id", id)
                .query((rs, n) -> new Header(rs.getString("rule_description"),
                        rs.getTimestamp("identified_at").toInstant(), rs.getString("identified_by"),
                        rs.getString("event_id"), procedure(rs))).single();
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
                header.procedure(), history);
    }

    private static CaseProcedure procedure(ResultSet rs) throws SQLException {
        long perMonth = rs.getLong("instalment_fen");
        InstalmentPlan plan = rs.wasNull() ? null : new InstalmentPlan(Amounts.yuan(perMonth),
                rs.getString("first_month"), Amounts.yuan(rs.getLong("instalments_total_fen")),
                date(rs, "instalments_agreed_on"), Amounts.yuan(rs.getLong("due_fen")),
                Amounts.yuan(rs.getLong("paid_fen")), rs.getInt("instalments_overdue"));
        return new CaseProcedure(rs.getInt("notice_count"), date(rs, "last_notice_on"),
                date(rs, "notice_delivered_on"), rs.getString("delivery_method"), date(rs, "deductions_from"),
                date(rs, "appeal_deadline"), rs.getString("open_appeal_id"), date(rs, "appeal_filed_on"),
                date(rs, "last_contact_on"), plan);
    }

    /** One case of {@link LedgerQuery#SELECT}, its ages as of {@code today}, masked for {@code caller}. */
    private static Item item(ResultSet rs, LocalDate today, AccessScope caller) throws SQLException {
        LocalDate identifiedOn = rs.getDate("identified_on").toLocalDate();
        LocalDate deliveredOn = date(rs, "notice_delivered_on");
        long cap = rs.getLong("deduction_cap_fen");
        String deductionCap = rs.wasNull() ? null : Amounts.yuan(cap);
        String nextStep = rs.getString("next_step");
        return new Item(rs.getString("case_id"), caller.id(rs.getString("recipient_id")),
                caller.name(rs.getString("name")), rs.getString("region"), rs.getString("program_code"),
                rs.getString("cause"), rs.getString("rule"), List.of((String[]) rs.getArray("months").getArray()),
                Amounts.yuan(rs.getLong("amount_fen")), Amounts.yuan(rs.getLong("recovered_fen")),
                Amounts.yuan(rs.getLong("written_off_fen")), Amounts.yuan(rs.getLong("outstanding_fen")),
                Amounts.yuan(rs.getLong("refund_due_fen")), rs.getString("status"), identifiedOn,
                ChronoUnit.DAYS.between(deliveredOn != null ? deliveredOn : identifiedOn, today),
                rs.getString("fact_id"), deductionCap, deliveredOn,
                deliveredOn == null ? null : ChronoUnit.DAYS.between(deliveredOn, today), nextStep,
                Labels.nextStep(nextStep).label(), rs.getBoolean("appeal_open"), rs.getInt("instalments_overdue"));
    }

    static LocalDate date(ResultSet rs, String column) throws SQLException {
        java.sql.Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }

    private static boolean descending(String order) {
        return switch (order.strip().toLowerCase()) {
            case "desc" -> true;
            case "asc" -> false;
            default -> throw new LedgerException(ErrorCode.INVALID_QUERY, "order must be asc or desc");
        };
    }
}
