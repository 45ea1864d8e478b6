package org.subsidyledger.projections.program;

import org.subsidyledger.contract.error.LedgerException;

import org.subsidyledger.contract.error.ErrorCode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.subsidyledger.projections.port.AccessScope;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.subsidyledger.projections.support.Amounts;
import org.subsidyledger.projections.support.Page;

/** The program view: parameters, annual plans with funds received, tranches and enrolled recipients. */
@RestController
@RequestMapping("/api/v1/programs")
@PreAuthorize("isAuthenticated()")
class ProgramQueryController {

    private final JdbcClient jdbc;

    ProgramQueryController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record ProgramSummary(String code, String name, String region, String monthlyStandard, int deadlineDay,
                          int reviewLevels, Instant createdAt, String createdBy) {
    }

    /** An annual plan with the funds received for that year ({@code fundsReceived} in 元). */
    record Plan(int year, long plannedRecipients, int plannedPayouts, String budget, int planVersion,
                String reason, Instant setAt, String setBy, String fundsReceived) {
    }

    record Tranche(String trancheId, int year, String amount, LocalDate receivedOn, String reference,
                   Instant recordedAt, String recordedBy) {
    }

    record ProgramDetail(String code, String name, String region, String monthlyStandard, int deadlineDay,
                         int reviewLevels, Instant createdAt, String createdBy, long enrolled, List<Plan> plans,
                         List<Tranche> funds, Map<Integer, String> fundsReceivedByYear) {
    }

    record EnrolledRecipient(String recipientId, String name, String region, String monthlyStandard,
                             String effectiveFrom, Instant enrolledAt, String enrolledBy) {
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "List programs")
    @GetMapping
    List<ProgramSummary> list() {
        AccessScope scope = AccessScope.current();
        return jdbc.sql("""
                        SELECT code, name, region, monthly_standard_fen, deadline_day, review_levels, created_at, created_by
                        FROM program_view ORDER BY code""")
                .query((rs, n) -> new ProgramSummary(rs.getString(1), rs.getString(2), rs.getString(3),
                        Amounts.yuan(rs.getLong(4)), rs.getInt(5), rs.getInt(6),
                        rs.getTimestamp(7).toInstant(), rs.getString(8)))
                .list().stream().filter(p -> scope.overlaps(p.region())).toList();
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Show a program with its plans and funds")
    @GetMapping("/{code}")
    ProgramDetail get(@PathVariable String code) {
        ProgramSummary program = jdbc.sql("""
                        SELECT code, name, region, monthly_standard_fen, deadline_day, review_levels, created_at, created_by
                        FROM program_view WHERE code = :code""")
                .param("code", code)
                .query((rs, n) -> new ProgramSummary(rs.getString(1), rs.getString(2), rs.getString(3),
                        Amounts.yuan(rs.getLong(4)), rs.getInt(5), rs.getInt(6),
                        rs.getTimestamp(7).toInstant(), rs.getString(8)))
                .optional()
                .filter(p -> AccessScope.current().overlaps(p.region()))
                .orElseThrow(() -> new LedgerException(ErrorCode.UNKNOWN_PROGRAM, "program " + code + " does not exist"));
        List<Plan> plans = jdbc.sql("""
                        SELECT p.year, p.planned_recipients, p.planned_payouts, p.budget_fen, p.plan_version, p.reason,
                               p.set_at, p.set_by,
                               (SELECT coalesce(sum(f.amount_fen), 0) FROM program_funds_view f
                                 WHERE f.program_code = p.program_code AND f.year = p.year)
                        FROM program_plan_view p WHERE p.program_code = :code ORDER BY p.year""")
                .param("code", code)
                .query((rs, n) -> new Plan(rs.getInt(1), rs.getLong(2), rs.getInt(3), Amounts.yuan(rs.getLong(4)),
                        rs.getInt(5), rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8),
                        Amounts.yuan(rs.getLong(9))))
                .list();
        List<Tranche> funds = jdbc.sql("""
                        SELECT tranche_id, year, amount_fen, received_on, reference, recorded_at, recorded_by
                        FROM program_funds_view WHERE program_code = :code ORDER BY received_on, recorded_at""")
                .param("code", code)
                .query((rs, n) -> new Tranche(rs.getString(1), rs.getInt(2), Amounts.yuan(rs.getLong(3)),
                        rs.getDate(4).toLocalDate(), rs.getString(5), rs.getTimestamp(6).toInstant(),
                        rs.getString(7)))
                .list();
        Map<Integer, String> byYear = new java.util.TreeMap<>();
        jdbc.sql("""
                        SELECT year, sum(amount_fen) FROM program_funds_view WHERE program_code = :code GROUP BY year""")
                .param("code", code)
                .query(rs -> {
                    byYear.put(rs.getInt(1), Amounts.yuan(rs.getLong(2)));
                });
        AccessScope scope = AccessScope.current();
        long enrolled = jdbc.sql("SELECT count(*) FROM enrolment_view WHERE program_code = :code AND "
                        + scope.sql("region"))
                .param("code", code).param("scope_regions", scope.likePatterns()).query(Long.class).single();
        return new ProgramDetail(program.code(), program.name(), program.region(), program.monthlyStandard(),
                program.deadlineDay(), program.reviewLevels(), program.createdAt(), program.createdBy(), enrolled,
                plans, funds, byYear);
    }

    /** The recipients enrolled in a program, by ID number, paged (0-based). */
    @io.swagger.v3.oas.annotations.Operation(summary = "List the recipients enrolled in a program")
    @GetMapping("/{code}/enrolments")
    Page<EnrolledRecipient> enrolments(@PathVariable String code, @RequestParam(defaultValue = "0") int page,
                                       @RequestParam(defaultValue = "100") int size) {
        int pageSize = Page.size(size);
        int pageNumber = Math.max(0, page);
        get(code); // 404 for a program unknown or wholly outside the scope
        AccessScope scope = AccessScope.current();
        long total = jdbc.sql("SELECT count(*) FROM enrolment_view WHERE program_code = :code AND "
                        + scope.sql("region"))
                .param("code", code).param("scope_regions", scope.likePatterns()).query(Long.class).single();
        List<EnrolledRecipient> items = jdbc.sql("""
                        SELECT recipient_id, name, region, monthly_standard_fen, effective_from, enrolled_at, enrolled_by
                        FROM enrolment_view WHERE program_code = :code AND %s
                        ORDER BY recipient_id LIMIT :limit OFFSET :offset""".formatted(scope.sql("region")))
                .param("code", code).param("limit", pageSize).param("offset", (long) pageNumber * pageSize)
                .param("scope_regions", scope.likePatterns())
                .query((rs, n) -> new EnrolledRecipient(scope.id(rs.getString(1)), scope.name(rs.getString(2)),
                        rs.getString(3),
                        Amounts.yuan(rs.getLong(4)), rs.getDate(5).toLocalDate().toString().substring(0, 7),
                        rs.getTimestamp(6).toInstant(), rs.getString(7)))
                .list();
        return new Page<>(items, pageNumber, pageSize, total);
    }
}
