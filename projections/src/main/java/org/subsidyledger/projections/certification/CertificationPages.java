package org.subsidyledger.projections.certification;

import java.time.YearMonth;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.subsidyledger.contract.value.Periods;
import org.subsidyledger.projections.port.ConsolePage;

/**
 * The console's 生存认证 work list (rule 11): for a program that requires certification and a month (next month by
 * default: the office contacts them before they are withheld), those due or already overdue within the caller's
 * scope, with the count per region — from the work list API's own queries. The clerk records a certification from
 * the row (its form is answered by the certification API).
 */
@Controller
@ConsolePage
@PreAuthorize("isAuthenticated()")
@io.swagger.v3.oas.annotations.Hidden
class CertificationPages {

    /** A program that requires certification, for the selector. */
    record CertifyingProgram(String code, String name, int certificationMonths) {
    }

    private final CertificationQueryController workList;
    private final JdbcClient jdbc;

    CertificationPages(CertificationQueryController workList, JdbcClient jdbc) {
        this.workList = workList;
        this.jdbc = jdbc;
    }

    @GetMapping("/console/certifications")
    String due(@RequestParam(required = false) String program, @RequestParam(required = false) String month,
               @RequestParam(required = false) String region, @RequestParam(defaultValue = "0") int page,
               Model model) {
        // only the programs the caller's region scope meets, as the program list answers them
        org.subsidyledger.projections.port.AccessScope scope = org.subsidyledger.projections.port.AccessScope.current();
        List<CertifyingProgram> programs = jdbc.sql("""
                        SELECT code, name, certification_months, region FROM program_view
                        WHERE certification_months > 0 ORDER BY code""")
                .query((rs, n) -> scope.overlaps(rs.getString(4))
                        ? new CertifyingProgram(rs.getString(1), rs.getString(2), rs.getInt(3)) : null)
                .list().stream().filter(java.util.Objects::nonNull).toList();
        String shown = program != null && !program.isBlank() ? program.strip()
                : programs.isEmpty() ? null : programs.get(0).code();
        String asked = month != null && !month.isBlank() ? Periods.parseMonth(month).toString()
                : YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).plusMonths(1).toString();
        String narrowed = region == null || region.isBlank() ? null : region.strip();
        model.addAttribute("programs", programs);
        model.addAttribute("program", shown);
        model.addAttribute("month", asked);
        model.addAttribute("region", narrowed == null ? "" : narrowed);
        model.addAttribute("today", java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString());
        model.addAttribute("idempotencyKey", java.util.UUID.randomUUID().toString());
        if (shown != null) {
            model.addAttribute("workList", workList.due(shown, asked, narrowed, page, 50));
            model.addAttribute("regions", workList.dueByRegion(shown, asked, narrowed));
        }
        return "console/certifications";
    }
}
