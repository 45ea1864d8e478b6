package org.subsidyledger.projections.recipient;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.subsidyledger.projections.support.Amounts;
import org.subsidyledger.projections.support.NotFoundException;

/** The recipient view: profile and enrolments. */
@RestController
@RequestMapping("/api/v1/recipients")
@PreAuthorize("isAuthenticated()")
class RecipientQueryController {

    private final JdbcClient jdbc;

    RecipientQueryController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Enrolment(String program, String effectiveFrom, String monthlyStandard, String region, String source,
                     Integer sourceLine, Instant enrolledAt, String enrolledBy, String eventId) {
    }

    record Recipient(String id, String name, String region, List<Enrolment> enrolments) {
    }

    @GetMapping("/{id}")
    Recipient get(@PathVariable String id) {
        String normalised = id.strip().toUpperCase();
        Recipient profile = jdbc.sql("""
                        SELECT recipient_id, name, region FROM enrolment_view WHERE recipient_id = :id
                        ORDER BY source_position DESC LIMIT 1""")
                .param("id", normalised)
                .query((rs, n) -> new Recipient(rs.getString(1), rs.getString(2), rs.getString(3), List.of()))
                .optional()
                .orElseThrow(() -> new NotFoundException("UNKNOWN_RECIPIENT", "no recipient " + normalised));
        List<Enrolment> enrolments = jdbc.sql("""
                        SELECT program_code, effective_from, monthly_standard_fen, region, source, source_line,
                               enrolled_at, enrolled_by, event_id
                        FROM enrolment_view WHERE recipient_id = :id ORDER BY program_code""")
                .param("id", normalised)
                .query((rs, n) -> new Enrolment(rs.getString(1), rs.getDate(2).toLocalDate().toString().substring(0, 7),
                        Amounts.yuan(rs.getLong(3)), rs.getString(4), rs.getString(5), (Integer) rs.getObject(6),
                        rs.getTimestamp(7).toInstant(), rs.getString(8), rs.getString(9)))
                .list();
        return new Recipient(profile.id(), profile.name(), profile.region(), enrolments);
    }
}
