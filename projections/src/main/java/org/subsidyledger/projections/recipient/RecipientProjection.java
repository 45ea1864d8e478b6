package org.subsidyledger.projections.recipient;

import java.sql.Date;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.AuditMetadata;
import org.subsidyledger.contract.enrolment.RecipientsEnrolled;
import org.subsidyledger.projections.support.BatchedSql;

/**
 * Builds {@code enrolment_view}: one row per program and recipient, from the parts of each enrolment list. A recipient's profile is read from the row
 * latest in the event store ({@code source_position}): events of one recipient in two programs may be handled by
 * different segments, so the stored position decides, not the order of handling.
 */
@Component
@ProcessingGroup(RecipientProjection.GROUP)
public class RecipientProjection {

    public static final String GROUP = "recipient-view";

    private final JdbcTemplate jdbc;
    private final BatchedSql sql;

    public RecipientProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.sql = new BatchedSql(jdbc);
    }

    @EventHandler
    void on(RecipientsEnrolled event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt,
            @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        java.sql.Timestamp at = java.sql.Timestamp.from(recordedAt);
        long position = token.position().orElse(0L);
        for (RecipientsEnrolled.Enrolment enrolment : event.enrolments()) {
            sql.add("""
                            INSERT INTO enrolment_view (program_code, recipient_id, name, region, monthly_standard_fen,
                                                        effective_from, source, source_line, enrolled_at, enrolled_by,
                                                        event_id, source_position, individual_standard)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                                    coalesce(?, ? <> (SELECT monthly_standard_fen FROM program_view WHERE code = ?), false))
                            ON CONFLICT (program_code, recipient_id) DO NOTHING""",
                    event.programCode(), enrolment.recipientId(), enrolment.name(), enrolment.region(),
                    enrolment.monthlyStandardFen(), Date.valueOf(enrolment.effectiveFrom().atDay(1)), event.source(),
                    enrolment.line(), at, actor, message.getIdentifier(), position, enrolment.individualStandard(),
                    enrolment.monthlyStandardFen(), event.programCode());
        }
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE enrolment_view");
    }
}
