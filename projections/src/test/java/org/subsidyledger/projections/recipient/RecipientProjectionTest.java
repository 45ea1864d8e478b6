package org.subsidyledger.projections.recipient;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.subsidyledger.contract.enrolment.RecipientEnrolled;
import org.subsidyledger.projections.support.ProjectionDatabase;

class RecipientProjectionTest {

    private static final Instant AT = Instant.parse("2023-01-05T08:00:00Z");
    private static final String ID = "11010519491231002X";

    private final JdbcTemplate jdbc = ProjectionDatabase.jdbc();
    private final RecipientProjection projection = new RecipientProjection(jdbc);

    @BeforeEach
    void clean() {
        projection.reset();
    }

    @Test
    void givenAnEnrolment_thenEnrolmentAndProfileRows() {
        handle(enrolled("P1", "张三", "650102", 12_000), 10);

        Map<String, Object> enrolment = jdbc.queryForMap("SELECT * FROM enrolment_view WHERE program_code = 'P1'");
        assertThat(enrolment).containsEntry("recipient_id", ID).containsEntry("monthly_standard_fen", 12_000L)
                .containsEntry("source", "file.csv").containsEntry("source_line", 7).containsEntry("enrolled_by", "clerk");
        assertThat(enrolment).containsEntry("name", "张三").containsEntry("region", "650102")
                .containsEntry("source_position", 10L);
    }

    @Test
    void givenEnrolmentsInTwoProgramsHandledOutOfOrder_thenTheLatestInTheStoreHasTheHighestPosition() {
        handle(enrolled("P2", "张三丰", "650103", 12_000), 20);
        handle(enrolled("P1", "张三", "650102", 12_000), 10);

        assertThat(jdbc.queryForObject("""
                SELECT name FROM enrolment_view WHERE recipient_id = ? ORDER BY source_position DESC LIMIT 1""",
                String.class, ID)).isEqualTo("张三丰");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM enrolment_view WHERE recipient_id = ?", Long.class, ID))
                .isEqualTo(2);
    }

    @Test
    void givenAProcessorBatch_thenNothingIsWrittenBeforeItCommitsAndAllOfItAfter() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        handle(enrolled("P1", "张三", "650102", 12_000), 10);
        handle(enrolled("P2", "张三丰", "650103", 12_000), 11);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM enrolment_view", Long.class))
                .as("nothing is written before the batch commits").isZero();
        batch.commit();

        assertThat(jdbc.queryForObject("SELECT count(*) FROM enrolment_view", Long.class)).isEqualTo(2);
    }

    @Test
    void givenARedeliveredEnrolment_thenRowsAreUnchanged() {
        RecipientEnrolled event = enrolled("P1", "张三", "650102", 12_000);
        handle(event, 10);
        handle(event, 10);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM enrolment_view", Long.class)).isOne();
    }

    private void handle(RecipientEnrolled event, long position) {
        projection.on(event, GenericEventMessage.asEventMessage(event), new GlobalSequenceTrackingToken(position), AT,
                "clerk");
    }

    private static RecipientEnrolled enrolled(String program, String name, String region, long standard) {
        return new RecipientEnrolled(program + "/" + ID, program, ID, name, region, standard, YearMonth.of(2023, 1),
                "file.csv", 7);
    }
}
