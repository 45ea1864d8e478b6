package org.subsidyledger.projections.certification;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.subsidyledger.contract.certification.CertificationSchedule;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.contract.value.Periods;
import org.subsidyledger.projections.port.AccessScope;

/**
 * The office's certification work list (rule 11, docs/api.md): for a program and a month, the recipients within the
 * caller's scope (narrowed to {@code region}) whose certification falls due in that month or is already overdue,
 * oldest first, with their last certification — ID numbers and names masked for evaluators and auditors. A program
 * that requires no certification lists nobody ({@code certificationMonths: 0}).
 */
@RestController
@PreAuthorize("isAuthenticated()")
class CertificationQueryController {

    private final JdbcClient jdbc;

    CertificationQueryController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A recipient to certify.
     *
     * @param dueDate      the last day their certification is current ({@code CertificationSchedule.dueDate})
     * @param overdue      whether it was already past at the month's start: the month is withheld
     * @param withheldFrom the first month withheld (or to be withheld) unless they certify
     */
    record DueCertification(String recipientId, String name, String region, String enrolledFrom,
                            LocalDate lastCertifiedOn, String lastMethod, LocalDate dueDate, boolean overdue,
                            String withheldFrom) {
    }

    record CertificationWorkList(String program, String month, int certificationMonths,
                                 List<DueCertification> items, int page, int size, long total) {
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "List the recipients due or overdue to certify (生存认证待办)")
    @GetMapping("/api/v1/certifications/due")
    CertificationWorkList due(@RequestParam String program, @RequestParam String month,
                              @RequestParam(required = false) String region,
                              @RequestParam(defaultValue = "0") int page,
                              @RequestParam(defaultValue = "50") int size) {
        YearMonth asked = Periods.parseMonth(month);
        String code = program.strip();
        int months = certificationMonths(code);
        int pageSize = org.subsidyledger.projections.support.Page.size(size);
        int pageNumber = Math.max(0, page);
        if (months <= 0) {
            return new CertificationWorkList(code, asked.toString(), 0, List.of(), pageNumber, pageSize, 0);
        }
        AccessScope scope = AccessScope.current().narrowedTo(region);
        String from = " FROM (" + CertificationRoster.SQL + ") r WHERE r.baseline <= :cutoff AND "
                + scope.sql("r.region");
        long total = params(jdbc.sql("SELECT count(*)" + from), code, asked, months, scope).query(Long.class)
                .single();
        List<DueCertification> items = params(jdbc.sql("SELECT r.recipient_id, r.name, r.region, r.effective_from,"
                        + " r.last_certified_on, r.last_method, r.baseline" + from
                        + " ORDER BY r.baseline, r.region, r.recipient_id LIMIT :limit OFFSET :offset"),
                code, asked, months, scope)
                .param("limit", pageSize).param("offset", (long) pageNumber * pageSize)
                .query((rs, n) -> {
                    LocalDate baseline = rs.getDate("baseline").toLocalDate();
                    java.sql.Date last = rs.getDate("last_certified_on");
                    return new DueCertification(scope.id(rs.getString("recipient_id")),
                            scope.name(rs.getString("name")), rs.getString("region"),
                            YearMonth.from(rs.getDate("effective_from").toLocalDate()).toString(),
                            last == null ? null : last.toLocalDate(), rs.getString("last_method"),
                            CertificationSchedule.dueDate(baseline, months),
                            CertificationSchedule.isWithheld(baseline, months, asked),
                            CertificationSchedule.firstWithheldMonth(baseline, months).toString());
                }).list();
        return new CertificationWorkList(code, asked.toString(), months, items, pageNumber, pageSize, total);
    }

    /** Per region within the caller's scope: those due in the month (or overdue), and of them those overdue. */
    record RegionDue(String region, long due, long overdue) {
    }

    /**
     * The work list's count per region (the console's table above it): the same roster and cut-off as {@link #due},
     * with the overdue ones (withheld in the month unless they certify) counted apart. Empty for a program that
     * requires no certification.
     */
    List<RegionDue> dueByRegion(String program, String month, String region) {
        YearMonth asked = Periods.parseMonth(month);
        String code = program.strip();
        int months = certificationMonths(code);
        if (months <= 0) {
            return List.of();
        }
        AccessScope scope = AccessScope.current().narrowedTo(region);
        return params(jdbc.sql("SELECT r.region, count(*), count(*) FILTER (WHERE r.baseline <= :withheld_cutoff)"
                        + " FROM (" + CertificationRoster.SQL + ") r WHERE r.baseline <= :cutoff AND "
                        + scope.sql("r.region") + " GROUP BY r.region ORDER BY r.region"), code, asked, months, scope)
                .param("withheld_cutoff", java.sql.Date.valueOf(
                        CertificationSchedule.latestBaselineWithheldIn(asked, months)))
                .query((rs, n) -> new RegionDue(rs.getString(1), rs.getLong(2), rs.getLong(3))).list();
    }

    /**
     * How often the program's recipients certify; a program outside the caller's region scope does not exist for them
     * ({@code 404 UNKNOWN_PROGRAM}), as everywhere else.
     */
    private int certificationMonths(String code) {
        return jdbc.sql("SELECT certification_months, region FROM program_view WHERE code = :code")
                .param("code", code)
                .query((rs, n) -> {
                    AccessScope.current().withinProgram(code, rs.getString("region"));
                    return rs.getInt("certification_months");
                }).optional().orElseThrow(() -> new LedgerException(ErrorCode.UNKNOWN_PROGRAM,
                        "program " + code + " does not exist"));
    }

    private static JdbcClient.StatementSpec params(JdbcClient.StatementSpec spec, String program, YearMonth month,
                                                   int months, AccessScope scope) {
        return spec.param("program", program).param("at", Timestamp.from(Instant.now()))
                .param("month_start", java.sql.Date.valueOf(month.atDay(1)))
                .param("cutoff", java.sql.Date.valueOf(CertificationSchedule.latestBaselineDueBy(month, months)))
                .param("scope_regions", scope.likePatterns());
    }
}
