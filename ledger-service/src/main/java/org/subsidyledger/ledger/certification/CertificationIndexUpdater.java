package org.subsidyledger.ledger.certification;

import java.sql.Date;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.certification.CertificationRecorded;

/**
 * Keeps {@code certification_index} in step with the certifications, in the transaction that appends them
 * (subscribing processor), so {@link Certifications} answers from what is committed with them.
 */
@Component
@ProcessingGroup(CertificationIndexUpdater.GROUP)
class CertificationIndexUpdater {

    static final String GROUP = "certification-index";

    private final JdbcTemplate jdbc;

    CertificationIndexUpdater(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CertificationRecorded event) {
        insert(List.of(event));
    }

    /** Index rows of many certifications at once: the certification file appends their events itself. */
    void insert(List<CertificationRecorded> events) {
        jdbc.batchUpdate("""
                INSERT INTO certification_index (certification_id, recipient_id, program_code, certified_on, method)
                VALUES (?, ?, ?, ?, ?)""", events, 1_000, (ps, event) -> {
            ps.setString(1, event.certificationId());
            ps.setString(2, event.recipientId());
            ps.setString(3, event.programCode());
            ps.setDate(4, Date.valueOf(event.certifiedOn()));
            ps.setString(5, event.method().name());
        });
    }
}
