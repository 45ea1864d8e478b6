package org.subsidyledger.projections.program;

import java.sql.Date;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.AuditMetadata;
import org.subsidyledger.contract.program.AnnualPlanSet;
import org.subsidyledger.contract.program.FundsReceived;
import org.subsidyledger.contract.program.MonthClosed;
import org.subsidyledger.contract.program.ProgramCreated;
import org.subsidyledger.projections.support.BatchedSql;

/**
 * Builds {@code program_view}, {@code program_plan_view} (the latest plan of each year), {@code
 * program_plan_history_view} (every version, for indicators as of a past moment) and {@code program_funds_view}.
 */
@Component
@ProcessingGroup(ProgramProjection.GROUP)
public class ProgramProjection {

    public static final String GROUP = "program-view";

    private final JdbcTemplate jdbc;
    private final BatchedSql sql;

    public ProgramProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.sql = new BatchedSql(jdbc);
    }

    @EventHandler
    void on(ProgramCreated event, @Timestamp Instant recordedAt,
            @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        sql.add("""
                        INSERT INTO program_view (code, name, region, monthly_standard_fen, deadline_day, review_levels,
                                                  created_at, created_by, age_supplements, certification_months)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (code) DO NOTHING""",
                event.code(), event.name(), event.region(), event.monthlyStandardFen(), event.deadlineDay(),
                event.reviewLevels(), java.sql.Timestamp.from(recordedAt), actor,
                org.subsidyledger.projections.standard.StandardTerms.encode(event.ageSupplements()),
                event.certificationMonths());
    }

    /** A later plan version replaces an earlier one whatever order they are seen in. */
    @EventHandler
    void on(AnnualPlanSet event, @Timestamp Instant recordedAt,
            @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        sql.addKeyed("""
                        INSERT INTO program_plan_view (program_code, year, planned_recipients, planned_payouts,
                                                       budget_fen, plan_version, reason, set_at, set_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (program_code, year) DO UPDATE SET
                            planned_recipients = excluded.planned_recipients,
                            planned_payouts = excluded.planned_payouts,
                            budget_fen = excluded.budget_fen,
                            plan_version = excluded.plan_version,
                            reason = excluded.reason,
                            set_at = excluded.set_at,
                            set_by = excluded.set_by
                        WHERE program_plan_view.plan_version < excluded.plan_version""",
                event.programCode() + "/" + event.year(), event.programCode(), event.year(), event.plannedRecipients(), event.plannedPayouts(),
                event.budgetFen(), event.planVersion(), event.reason(), java.sql.Timestamp.from(recordedAt), actor);
        sql.add("""
                        INSERT INTO program_plan_history_view (program_code, year, plan_version, planned_recipients,
                                                               planned_payouts, budget_fen, set_at, set_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (program_code, year, plan_version) DO NOTHING""", event.programCode(),
                event.year(), event.planVersion(), event.plannedRecipients(), event.plannedPayouts(),
                event.budgetFen(), java.sql.Timestamp.from(recordedAt), actor);
    }

    @EventHandler
    void on(FundsReceived event, EventMessage<?> message, @Timestamp Instant recordedAt,
            @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        sql.add("""
                        INSERT INTO program_funds_view (tranche_id, program_code, year, amount_fen, received_on,
                                                        reference, recorded_at, recorded_by, event_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (tranche_id) DO NOTHING""",
                event.trancheId(), event.programCode(), event.year(), event.amountFen(),
                Date.valueOf(event.receivedOn()), event.reference(), java.sql.Timestamp.from(recordedAt), actor,
                message.getIdentifier());
    }

    @EventHandler
    void on(MonthClosed event, EventMessage<?> message, @Timestamp Instant recordedAt,
            @MetaDataValue(AuditMetadata.ACTOR) String actor, @MetaDataValue(AuditMetadata.ROLE) String role) {
        MonthClosed.Figures f = event.figures();
        sql.add("""
                        INSERT INTO month_close_view (program_code, month, batches, on_time_batches, lines_sent,
                                                      lines_returned, payments, full_payments, spending_fen, reason,
                                                      closed_at, closed_by, closed_as, event_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (program_code, month) DO NOTHING""",
                event.programCode(), Date.valueOf(event.month().atDay(1)), f.batches(), f.onTimeBatches(),
                f.linesSent(), f.linesReturned(), f.payments(), f.fullPayments(), f.spendingFen(), event.reason(),
                java.sql.Timestamp.from(recordedAt), actor, role, message.getIdentifier());
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE program_view, program_plan_view, program_plan_history_view, program_funds_view, "
                + "month_close_view");
    }
}
