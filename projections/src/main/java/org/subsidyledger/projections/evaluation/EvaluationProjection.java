package org.subsidyledger.projections.evaluation;

import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.AuditMetadata;
import org.subsidyledger.contract.evaluation.EvaluationInputEntered;
import org.subsidyledger.contract.evaluation.EvaluationOpened;
import org.subsidyledger.contract.evaluation.EvaluationScoreEntered;

/** Builds {@code evaluation_rubric_view} and {@code evaluation_entry_view}: every version, keyed by event. */
@Component
@ProcessingGroup(EvaluationProjection.GROUP)
public class EvaluationProjection {

    public static final String GROUP = "evaluation-view";

    private final JdbcTemplate jdbc;

    public EvaluationProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(EvaluationOpened event, EventMessage<?> message, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at, @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        jdbc.update("""
                        INSERT INTO evaluation_rubric_view (evaluation_id, sequence, program_code, year, rubric_id,
                                                            rubric_version, recorded_at, recorded_by, event_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (evaluation_id, sequence) DO NOTHING""", event.evaluationId(), sequence,
                event.programCode(), event.year(), event.rubricId(), event.rubricVersion(), Timestamp.from(at), actor,
                message.getIdentifier());
    }

    @EventHandler
    void on(EvaluationScoreEntered event, EventMessage<?> message, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at, @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        entry(event.evaluationId(), sequence, "SCORE", event.itemKey(), new java.math.BigDecimal(event.score()),
                null, null, event.reason(), at, actor, message);
    }

    @EventHandler
    void on(EvaluationInputEntered event, EventMessage<?> message, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at, @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        entry(event.evaluationId(), sequence, "INPUT", event.indicator(), null, event.numerator(),
                event.denominator(), event.reason(), at, actor, message);
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE evaluation_rubric_view, evaluation_entry_view");
    }

    private void entry(String evaluationId, long sequence, String kind, String key, java.math.BigDecimal score,
                       Long numerator, Long denominator, String reason, Instant at, String actor,
                       EventMessage<?> message) {
        jdbc.update("""
                        INSERT INTO evaluation_entry_view (evaluation_id, sequence, kind, entry_key, score, numerator,
                                                           denominator, reason, recorded_at, recorded_by, event_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (evaluation_id, sequence) DO NOTHING""", evaluationId, sequence, kind, key,
                score, numerator, denominator, reason.length() <= 1000 ? reason : reason.substring(0, 1000),
                Timestamp.from(at), actor, message.getIdentifier());
    }
}
