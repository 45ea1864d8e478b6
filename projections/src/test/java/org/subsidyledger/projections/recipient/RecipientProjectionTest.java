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
import java.util.List;
import org.subsidyledger.contract.enrolment.RecipientsEnrolled;
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
    void givenAnEnrolmentThenEnrolmentAndProfileRows() {
        handle(enrolled("P1", "张三", "650102", 12_000), 10);

        Map<String, Object> enrolment = jdbc.queryForMap("SELECT * FROM enrolment_view WHERE program_code = 'P1'");
        assertThat(enrolment).containsEntry("recipient_id", ID).containsEntry("monthly_standard_fen", 12_000L)
                .containsEntry("source", "file.csv").containsEntry("source_line", 7).containsEntry("enrolled_by", "clerk");
        assertThat(enrolment).containsEntry("name", "张三").containsEntry("region", "650102")
                .containsEntry("source_position", 10L);
    }

    @Test
    void givenEnrolmentsInTwoProgramsHandledOutOfOrderThenTheLatestInTheStoreHasTheHighestPosition() {
        handle(enrolled("P2", "张三丰", "650103", 12_000), 20);
        handle(enrolled("P1", "张三", "650102", 12_000), 10);

        assertThat(jdbc.queryForObject("""
                SELECT name FROM enrolment_view WHERE recipient_id = ? ORDER BY source_position DESC LIMIT 1""",
                String.class, ID)).isEqualTo("张三丰");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM enrolment_view WHERE recipient_id = ?", Long.class, ID))
                .isEqualTo(2);
    }

    @Test
    void givenAProcessorBatchThenNothingIsWrittenBeforeItCommitsAndAllOfItAfter() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        handle(enrolled("P1", "张三", "650102", 12_000), 10);
        handle(enrolled("P2", "张三丰", "650103", 12_000), 11);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM enrolment_view", Long.class))
                .as("nothing is written before the batch commits").isZero();
        batch.commit();

        assertThat(jdbc.queryForObject("SELECT count(*) FROM enrolment_view", Long.class)).isEqualTo(2);
    }

    @Test
    void givenAPartOfAListThenOneRowPerRecipientWithItsOwnLine() {
        String other = "650102193001010011";
        handle(new RecipientsEnrolled("list-1", "P1", "file.csv", 0, 1, List.of(
                new RecipientsEnrolled.Enrolment(2, ID, "张三", "650102", 12_000, YearMonth.of(2023, 1)),
                new RecipientsEnrolled.Enrolment(3, other, "李四", "650102", 10_000, YearMonth.of(2023, 3)))), 5);

        assertThat(jdbc.queryForList("SELECT recipient_id, source_line, monthly_standard_fen FROM enrolment_view "
                + "ORDER BY source_line")).extracting(row -> row.get("recipient_id") + ":" + row.get("source_line")
                + ":" + row.get("monthly_standard_fen")).containsExactly(ID + ":2:12000", other + ":3:10000");
    }

    @Test
    void givenARedeliveredEnrolmentThenRowsAreUnchanged() {
        RecipientsEnrolled event = enrolled("P1", "张三", "650102", 12_000);
        handle(event, 10);
        handle(event, 10);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM enrolment_view", Long.class)).isOne();
    }

    private void handle(RecipientsEnrolled event, long position) {
        projection.on(event, GenericEventMessage.asEventMessage(event), new GlobalSequenceTrackingToken(position), AT,
                "clerk");
    }

    private static RecipientsEnrolled enrolled(String program, String name, String region, long standard) {
        return new RecipientsEnrolled("list-" + program, program, "file.csv", 0, 1, List.of(
                new RecipientsEnrolled.Enrolment(7, ID, name, region, standard, YearMonth.of(2023, 1))));
    }
}
