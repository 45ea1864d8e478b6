package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.subsidyledger.ledger.demo.DemoDataLoader;
import org.subsidyledger.ledger.demo.DemoDataStatus;
import org.subsidyledger.ledger.demo.DemoDataStatus.State;
import org.subsidyledger.ledger.demo.UrumqiYear2023;

/**
 * The demo profile's demo data on an empty database of its own (an application context of its own): loaded in the
 * background once the service is ready, with the seed report's figures and score, its events recorded at 2023 times
 * while a request served meanwhile records the present; a second start loads nothing.
 */
@TestPropertySource(properties = "ledger.demo-data.enabled=true")
class DemoDataHttpTest extends HttpTestBase {

    @Autowired
    DemoDataStatus status;
    @Autowired
    DemoDataLoader loader;

    @Test
    void anEmptyDatabaseIsFilledWithUrumqi2023OnceAndScores99Point05() {
        // While the demo data loads, a user's request records the present: only the loading thread reads 2023.
        String other = newProgram("WHILE-LOADING");
        assertThat(status.snapshot().state()).as("still loading when the request was served").isEqualTo(State.LOADING);
        Instant recorded = Instant.parse(jdbc.queryForObject(
                "SELECT time_stamp FROM domain_event_entry WHERE aggregate_identifier = ?", String.class, other));
        assertThat(recorded).isBetween(Instant.now().minusSeconds(120), Instant.now());

        eventually(Duration.ofMinutes(5), () -> status.snapshot().state() != State.LOADING);
        DemoDataStatus.Snapshot done = status.snapshot();
        assertThat(done.state()).as("%s", done).isEqualTo(State.DONE);
        assertThat(done.done()).isEqualTo(done.total());
        assertThat(done.batches()).isEqualTo(12);
        assertThat(done.percent()).isEqualTo(100);

        assertUrumqi2023Figures(UrumqiYear2023.CODE, Duration.ofMinutes(2));
        assertThat(get("evaluator", "/api/v1/programs/" + UrumqiYear2023.CODE + "/evaluation?year=2023").json()
                .get("total").asText()).isEqualTo("99.05");
        // Every event of the demo carries its 2023 date (the evaluation: March 2024), each step as its demo user.
        assertThat(jdbc.queryForList("""
                SELECT DISTINCT substr(time_stamp, 1, 4) FROM domain_event_entry
                WHERE aggregate_identifier <> ? ORDER BY 1""", String.class, other)).containsExactly("2023", "2024");
        assertThat(jdbc.queryForList("""
                SELECT DISTINCT convert_from(meta_data, 'UTF8')::jsonb ->> 'actor' FROM domain_event_entry
                WHERE aggregate_identifier <> ? ORDER BY 1""", String.class, other)).containsExactly("admin", "clerk",
                "evaluator", "finance", "inspector", "reviewer1", "reviewer2", "reviewer3");

        long events = eventCount();
        assertThat(loader.start()).as("a second start").isFalse();
        assertThat(status.snapshot().state()).isEqualTo(State.SKIPPED);
        assertThat(eventCount()).isEqualTo(events);
    }
}
