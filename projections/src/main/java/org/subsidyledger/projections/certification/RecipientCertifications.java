package org.subsidyledger.projections.certification;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.certification.CertificationSchedule;

/** A recipient's certifications and, per program that requires them, where they stand today (rule 11). */
@Component
public class RecipientCertifications {

    /** One certification as recorded; {@code program} null: for every program. */
    public record CertificationEntry(String certificationId, String program, LocalDate certifiedOn, String method,
                                     String reference, String fileId, Integer fileLine, int releasedMonths,
                                     Instant recordedAt, String recordedBy, String eventId) {
    }

    /**
     * Where the recipient stands in a program that requires certification: the last certification that counts, the
     * day it falls due, and from which month payment is withheld without a new one.
     */
    public record CertificationStanding(String program, int certificationMonths, LocalDate lastCertifiedOn,
                                        LocalDate dueDate, String withheldFrom, boolean withheldNow) {
    }

    private final JdbcClient jdbc;

    RecipientCertifications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The recipient's certifications for the given programs (and those for every program), newest first. */
    public List<CertificationEntry> of(String recipientId, Collection<String> programs) {
        return jdbc.sql("""
                        SELECT certification_id, program_code, certified_on, method, reference, file_id, file_line,
                               released_months, recorded_at, recorded_by, event_id
                        FROM certification_view
                        WHERE recipient_id = :id AND (program_code IS NULL OR program_code IN (:programs))
                        ORDER BY certified_on DESC, recorded_at DESC""")
                .param("id", recipientId).param("programs", programs)
                .query((rs, n) -> new CertificationEntry(rs.getString(1), rs.getString(2),
                        rs.getDate(3).toLocalDate(), rs.getString(4), rs.getString(5), rs.getString(6),
                        (Integer) rs.getObject(7), rs.getInt(8), rs.getTimestamp(9).toInstant(), rs.getString(10),
                        rs.getString(11)))
                .list();
    }

    /** Per program of {@code enrolledFrom} (program → first month) that requires certification, its standing. */
    public List<CertificationStanding> standing(List<CertificationEntry> certifications,
                                                Map<String, YearMonth> enrolledFrom, LocalDate today) {
        List<CertificationStanding> standing = new ArrayList<>();
        Map<String, Integer> months = new java.util.HashMap<>();
        jdbc.sql("SELECT code, certification_months FROM program_view WHERE code IN (:programs)")
                .param("programs", enrolledFrom.isEmpty() ? List.of("") : enrolledFrom.keySet())
                .query((rs, n) -> months.put(rs.getString(1), rs.getInt(2))).list();
        enrolledFrom.keySet().stream().sorted().forEach(program -> {
            int n = months.getOrDefault(program, 0);
            if (n <= 0) {
                return;
            }
            LocalDate last = certifications.stream()
                    .filter(c -> c.program() == null || c.program().equals(program))
                    .map(CertificationEntry::certifiedOn).max(LocalDate::compareTo).orElse(null);
            LocalDate baseline = CertificationSchedule.baseline(enrolledFrom.get(program), last);
            standing.add(new CertificationStanding(program, n, last, CertificationSchedule.dueDate(baseline, n),
                    CertificationSchedule.firstWithheldMonth(baseline, n).toString(),
                    CertificationSchedule.isWithheld(baseline, n, YearMonth.from(today))));
        });
        return standing;
    }
}
