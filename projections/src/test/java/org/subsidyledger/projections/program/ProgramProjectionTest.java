package org.subsidyledger.projections.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.subsidyledger.contract.program.AnnualPlanSet;
import org.subsidyledger.contract.program.FundsReceived;
import org.subsidyledger.contract.program.MonthClosed;
import org.subsidyledger.contract.program.ProgramCreated;
import org.subsidyledger.projections.support.ProjectionDatabase;

class ProgramProjectionTest {

    private static final Instant AT = Instant.parse("2023-01-05T08:00:00Z");

    private final JdbcTemplate jdbc = ProjectionDatabase.jdbc();
    private final ProgramProjection projection = new ProgramProjection(jdbc);

    @BeforeEach
    void clean() {
        projection.reset();
    }

    @Test
    void givenProgramCreatedThenProgramRowHoldsItsParametersAndAuthor() {
        projection.on(new ProgramCreated("P1", "生活补贴", "650100", 12_000, 25, 3, null), AT, "admin");

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM program_view WHERE code = 'P1'");
        assertThat(row).containsEntry("name", "生活补贴").containsEntry("monthly_standard_fen", 12_000L)
                .containsEntry("deadline_day", 25).containsEntry("review_levels", 3).containsEntry("created_by", "admin");
    }

    @Test
    void givenTheSameEventTwiceThenOneRow() {
        ProgramCreated created = new ProgramCreated("P1", "生活补贴", "650100", 12_000, 25, 3, null);
        projection.on(created, AT, "admin");
        projection.on(created, AT, "admin");

        assertThat(jdbc.queryForObject("SELECT count(*) FROM program_view", Long.class)).isOne();
    }

    @Test
    void givenPlanVersionsOutOfOrderThenTheHighestVersionStays() {
        projection.on(new AnnualPlanSet("P1", 2023, 15_000, 12, 100, 2, "调整"), AT, "finance");
        projection.on(new AnnualPlanSet("P1", 2023, 16_000, 12, 200, 1, null), AT, "admin");

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM program_plan_view WHERE program_code = 'P1'");
        assertThat(row).containsEntry("planned_recipients", 15_000L).containsEntry("plan_version", 2)
                .containsEntry("reason", "调整");
    }

    @Test
    void givenTwoPlanVersionsInOneProcessorBatchThenTheLaterOneIsStored() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        projection.on(new AnnualPlanSet("P1", 2023, 16_000, 12, 200, 1, null), AT, "admin");
        projection.on(new AnnualPlanSet("P1", 2023, 15_000, 12, 100, 2, "调整"), AT, "finance");
        batch.commit();

        assertThat(jdbc.queryForObject("SELECT plan_version FROM program_plan_view WHERE program_code = 'P1'",
                Integer.class)).isEqualTo(2);
    }

    @Test
    void givenFundsRedeliveredThenEachTrancheCountsOnce() {
        FundsReceived first = new FundsReceived("P1", "t1", 2023, 1_000_00, LocalDate.of(2023, 3, 1), "A");
        FundsReceived second = new FundsReceived("P1", "t2", 2023, 500_00, LocalDate.of(2023, 6, 1), "B");
        projection.on(first, message(first), AT, "finance");
        projection.on(second, message(second), AT, "finance");
        projection.on(first, message(first), AT, "finance");

        assertThat(jdbc.queryForObject(
                "SELECT sum(amount_fen) FROM program_funds_view WHERE program_code = 'P1' AND year = 2023", Long.class))
                .isEqualTo(1_500_00L);
    }

    @Test
    void givenAMonthClosedTwiceThenOneRowWithTheSealedFiguresAndWhoClosedIt() {
        MonthClosed closed = new MonthClosed("P1", YearMonth.of(2023, 2),
                new MonthClosed.Figures(1, 1, 14_390, 2, 14_388, 14_388, 172_656_000L), "2月月结");
        projection.on(closed, message(closed), AT, "finance", "FINANCE");
        projection.on(closed, message(closed), AT, "finance", "FINANCE");

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM month_close_view WHERE program_code = 'P1'");
        assertThat(row).containsEntry("payments", 14_388L).containsEntry("lines_returned", 2L)
                .containsEntry("spending_fen", 172_656_000L).containsEntry("reason", "2月月结")
                .containsEntry("closed_by", "finance").containsEntry("closed_as", "FINANCE");
        assertThat(row.get("month").toString()).isEqualTo("2023-02-01");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM month_close_view", Long.class)).isOne();
    }

    @Test
    void resetEmptiesEveryProgramTable() {
        projection.on(new ProgramCreated("P1", "x", "650100", 1, 25, 3, null), AT, "admin");
        projection.reset();

        for (String table : List.of("program_view", "program_plan_view", "program_funds_view", "month_close_view")) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class)).as(table).isZero();
        }
    }

    private static EventMessage<?> message(Object payload) {
        return GenericEventMessage.asEventMessage(payload);
    }
}
