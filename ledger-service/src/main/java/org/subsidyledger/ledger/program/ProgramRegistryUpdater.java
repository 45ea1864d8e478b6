package org.subsidyledger.ledger.program;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.program.ProgramCreated;

/**
 * Keeps the write-side {@code program_registry} in step with {@link ProgramCreated}. Runs in a subscribing processor,
 * inside the transaction that appends the event, so bulk operations can check a program exists with one lookup.
 */
@Component
@ProcessingGroup(ProgramRegistryUpdater.GROUP)
class ProgramRegistryUpdater {

    static final String GROUP = "program-registry";

    private final JdbcClient jdbc;

    ProgramRegistryUpdater(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProgramCreated event, EventMessage<?> message) {
        jdbc.sql("""
                        INSERT INTO program_registry (code, monthly_standard_fen, review_levels, created_event_id,
                                                      region, age_supplements, certification_months)
                        VALUES (:code, :standard, :levels, :eventId, :region, :supplements, :certification)
                        ON CONFLICT (code) DO NOTHING""")
                .param("code", event.code())
                .param("standard", event.monthlyStandardFen())
                .param("levels", event.reviewLevels())
                .param("eventId", message.getIdentifier())
                .param("region", event.region())
                .param("supplements", Programs.encode(event.ageSupplements()))
                .param("certification", event.certificationMonths())
                .update();
    }
}
