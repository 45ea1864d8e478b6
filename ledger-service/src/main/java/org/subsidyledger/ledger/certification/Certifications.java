package org.subsidyledger.ledger.certification;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.certification.CertificationSchedule;
import org.subsidyledger.contract.value.BusinessDates;
import org.subsidyledger.ledger.enrolment.Enrolments;
import org.subsidyledger.ledger.infrastructure.ArrayQueries;
import org.subsidyledger.ledger.program.Programs;

/**
 * What the other features of the write side may ask about existence certification (rule 11), from the
 * {@code certification_index} this feature keeps: which recipients a month's payment is withheld from
 * ({@code QUALIFICATION_NOT_CONFIRMED}) and since when, and which months a certification releases. The date rule is
 * {@link CertificationSchedule}'s, the same the read side applies. Lookups of many recipients are two queries
 * (their enrolments, their latest certifications), whatever their number. No other package reads that table.
 */
@Component
public class Certifications {

    private final JdbcTemplate jdbc;
    private final Enrolments enrolments;
    private final Programs programs;

    Certifications(JdbcTemplate jdbc, Enrolments enrolments, Programs programs) {
        this.jdbc = jdbc;
        this.enrolments = enrolments;
        this.programs = programs;
    }

    /**
     * Those of {@code recipientIds} enrolled in the program whose payment for {@code month} is withheld because
     * their certification is overdue at the month's start, each with the first month withheld (the withholding
     * runs from then until a certification). Empty for a program without certification or an unknown program;
     * recipients not enrolled in the program are not in it.
     */
    public Map<String, YearMonth> withheld(String programCode, YearMonth month, List<String> recipientIds) {
        int months = certificationMonths(programCode);
        if (months <= 0 || recipientIds.isEmpty()) {
            return Map.of();
        }
        Map<String, Enrolments.Enrolled> enrolled = enrolments.inProgram(programCode, recipientIds);
        Map<String, LocalDate> last = lastCertified(programCode, enrolled.keySet().toArray(String[]::new));
        Map<String, YearMonth> withheld = new HashMap<>();
        enrolled.forEach((id, enrolment) -> {
            LocalDate baseline = CertificationSchedule.baseline(enrolment.from(), last.get(id));
            if (CertificationSchedule.isWithheld(baseline, months, month)) {
                withheld.put(id, CertificationSchedule.firstWithheldMonth(baseline, months));
            }
        });
        return withheld;
    }

    /** The recipient's latest certification that counts for the program (its own or one for every program). */
    public Optional<LocalDate> lastCertification(String programCode, String recipientId) {
        return Optional.ofNullable(lastCertified(programCode, new String[]{recipientId}).get(recipientId));
    }

    /**
     * The months of the program withheld under {@code lastCertification} (or the enrolment, when {@code null}) that
     * a certification on {@code nextCertification} releases: from the first month withheld through the current
     * month, those the new certification no longer withholds. They stay due and become arrears (rule 10). Empty
     * when the program does not certify, the recipient is not enrolled in it, or nothing was withheld.
     */
    public List<YearMonth> withheldMonths(String programCode, String recipientId, LocalDate lastCertification,
                                          LocalDate nextCertification) {
        int months = certificationMonths(programCode);
        Enrolments.Enrolled enrolment = enrolments.inProgram(programCode, List.of(recipientId)).get(recipientId);
        if (months <= 0 || enrolment == null) {
            return List.of();
        }
        return released(months, enrolment.from(), lastCertification, nextCertification);
    }

    /** {@link #withheldMonths} on what is already known. */
    static List<YearMonth> released(int months, YearMonth enrolledFrom, LocalDate lastCertification,
                                    LocalDate nextCertification) {
        return CertificationSchedule.releasedMonths(months,
                CertificationSchedule.baseline(enrolledFrom, lastCertification),
                CertificationSchedule.baseline(enrolledFrom, nextCertification), YearMonth.from(BusinessDates.today()));
    }

    /** The later of two dates, either of which may be null. */
    static LocalDate later(LocalDate a, LocalDate b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    /** How often the program's recipients certify; 0 when never (or no such program). */
    int certificationMonths(String programCode) {
        return programs.terms(programCode).map(org.subsidyledger.ledger.program.Programs.Terms::certificationMonths)
                .orElse(0);
    }

    /** {@code UNKNOWN_PROGRAM} unless the program exists. */
    void requireProgram(String programCode) {
        programs.require(programCode);
    }

    /** The latest certification of each of {@code ids} that counts for the program. */
    private Map<String, LocalDate> lastCertified(String programCode, String[] ids) {
        Map<String, LocalDate> last = new HashMap<>(ids.length * 2);
        // the latest is kept here, not by GROUP BY: the planner misjudges the array and sorts 100k rows on disk
        ArrayQueries.query(jdbc, """
                        SELECT recipient_id, certified_on FROM certification_index
                        WHERE recipient_id = ANY (?) AND (program_code = ? OR program_code IS NULL)""",
                rs -> last.merge(rs.getString(1), rs.getDate(2).toLocalDate(), Certifications::later), ids,
                programCode);
        return last;
    }

    /**
     * The latest certification of each of {@code ids} per program code, with {@code ""} for those made for every
     * program: what counts for a program is the later of its own and {@code ""}'s.
     */
    Map<String, Map<String, LocalDate>> lastCertifiedByProgram(String[] ids) {
        Map<String, Map<String, LocalDate>> last = new HashMap<>(ids.length * 2);
        ArrayQueries.query(jdbc, """
                        SELECT recipient_id, coalesce(program_code, ''), certified_on FROM certification_index
                        WHERE recipient_id = ANY (?)""",
                rs -> last.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                        .merge(rs.getString(2), rs.getDate(3).toLocalDate(), Certifications::later), (Object) ids);
        return last;
    }

    /**
     * Those of {@code ids} already certified on their day in {@code days} for the program (null: for every program);
     * a certification for every program covers each program on its day.
     */
    java.util.Set<String> alreadyCertified(String[] ids, String programCode, Map<String, LocalDate> days) {
        java.util.Set<String> known = new java.util.HashSet<>();
        ArrayQueries.query(jdbc, """
                        SELECT recipient_id, certified_on FROM certification_index
                        WHERE recipient_id = ANY (?) AND (coalesce(program_code, '') = ? OR program_code IS NULL)""",
                rs -> {
                    if (rs.getDate(2).toLocalDate().equals(days.get(rs.getString(1)))) {
                        known.add(rs.getString(1));
                    }
                }, ids, programCode == null ? "" : programCode);
        return known;
    }
}
