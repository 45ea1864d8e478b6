package org.subsidyledger.projections.batch;

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
import org.subsidyledger.contract.batch.BankReturnsRecorded;
import org.subsidyledger.contract.batch.BatchDisbursed;
import org.subsidyledger.contract.batch.BatchLinesRecorded;
import org.subsidyledger.contract.batch.BatchLinesRecorded.Line;
import org.subsidyledger.contract.batch.BatchLinesRecorded.Mark;
import org.subsidyledger.contract.batch.BatchPosted;
import org.subsidyledger.projections.support.ProjectionDatabase;

/**
 * The running totals the indicator table reads "now" (V13), against real PostgreSQL: a batch's payments counted at
 * disbursement and again after a bank return, each recipient's paid months of the year as a bit mask, redelivery
 * counting once, and lines queued in the same processor batch as the disbursement counted.
 */
class BatchProjectionTotalsTest {

    private static final Instant AT = Instant.parse("2023-02-20T08:00:00Z");
    private static final String A = "11010519491231002X";
    private static final String B = "650102193001010001";
    private static final String C = "650102193001010010";

    private final JdbcTemplate jdbc = ProjectionDatabase.jdbc();
    private final BatchProjection projection = new BatchProjection(jdbc);

    @BeforeEach
    void clean() {
        projection.reset();
    }

    @Test
    void aDisbursedBatchCountsItsPaymentsAndABankReturnTakesOneBack() {
        post("b1", YearMonth.of(2023, 2), List.of(line(1, A, 12_000), line(2, B, 12_000), line(3, C, 10_000)));
        disburse("b1", 2);
        disburse("b1", 2); // redelivered

        assertThat(totals("b1")).containsEntry("paid_count", 3).containsEntry("paid_full_count", 2)
                .containsEntry("paid_fen", 34_000L);
        assertThat(paidMonths()).containsEntry(A, 0b10).containsEntry(B, 0b10).containsEntry(C, 0b10);

        BankReturnsRecorded returned = new BankReturnsRecorded("b1", "P1", "bank.csv",
                List.of(new BankReturnsRecorded.Returned(2, B, 2, 12_000, "销户")), null);
        projection.on(returned, message(returned), 3, AT, "finance", "FINANCE");
        projection.on(returned, message(returned), 3, AT, "finance", "FINANCE"); // redelivered

        assertThat(totals("b1")).containsEntry("paid_count", 2).containsEntry("paid_full_count", 1)
                .containsEntry("paid_fen", 22_000L);
        assertThat(paidMonths()).containsEntry(B, 0);
    }

    @Test
    void paymentsOfTwoMonthsSetTwoBitsAndLinesQueuedWithTheDisbursementAreCounted() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        post("jan", YearMonth.of(2023, 1), List.of(line(1, A, 12_000)));
        disburse("jan", 2);
        post("mar", YearMonth.of(2023, 3), List.of(line(1, A, 12_000), line(2, B, 12_000)));
        disburse("mar", 2);
        batch.commit();

        assertThat(totals("jan")).containsEntry("paid_count", 1);
        assertThat(totals("mar")).containsEntry("paid_count", 2).containsEntry("paid_fen", 24_000L);
        assertThat(paidMonths()).containsEntry(A, 0b101).containsEntry(B, 0b100);
    }

    private void post(String batchId, YearMonth period, List<Line> lines) {
        BatchPosted posted = new BatchPosted(batchId, "P1", period, 3, lines.size(),
                lines.stream().mapToLong(Line::amountFen).sum(), 0, 0, 1, "test", null);
        projection.on(posted, message(posted), 0, AT, "clerk", "CLERK");
        BatchLinesRecorded recorded = new BatchLinesRecorded(batchId, "P1", 0, lines);
        projection.on(recorded, message(recorded));
    }

    private void disburse(String batchId, long sequence) {
        BatchDisbursed disbursed = new BatchDisbursed(batchId, "P1", LocalDate.of(2023, 2, 20), 0, 0, List.of(), 0);
        projection.on(disbursed, message(disbursed), sequence, AT, "finance", "FINANCE");
    }

    private static Line line(int number, String recipient, long fen) {
        return new Line(number, recipient, "受益人", fen, 12_000, fen < 12_000 ? Mark.SHORT : Mark.FULL);
    }

    private Map<String, Object> totals(String batchId) {
        return jdbc.queryForMap("SELECT paid_count, paid_full_count, paid_fen FROM batch_view WHERE batch_id = ?",
                batchId);
    }

    private Map<String, Integer> paidMonths() {
        Map<String, Integer> months = new java.util.HashMap<>();
        jdbc.query("SELECT recipient_id, paid_months FROM paid_recipient_year_view WHERE program_code = 'P1'",
                rs -> {
                    months.put(rs.getString(1), rs.getInt(2));
                });
        return months;
    }

    private static EventMessage<?> message(Object payload) {
        return GenericEventMessage.asEventMessage(payload);
    }
}
