package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A read-model handler that fails for one event parks that event's sequence in the dead-letter queue and the
 * processor goes on. The failure is real: a trigger makes PostgreSQL refuse the program's row in program_view, as a
 * full disk, a too-narrow column or a damaged table would.
 */
class DeadLetterHttpTest extends HttpTestBase {

    @Autowired
    private EventProcessingConfiguration processing;

    private void refuseProgramViewRowsStartingWith(String prefix) {
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION refuse_program_view_row() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.code LIKE '%s%%' THEN RAISE EXCEPTION 'program_view refuses %%', NEW.code; END IF;
                    RETURN NEW;
                END $$""".formatted(prefix));
        jdbc.execute("""
                CREATE TRIGGER refuse_program_view_row BEFORE INSERT OR UPDATE ON program_view
                FOR EACH ROW EXECUTE FUNCTION refuse_program_view_row()""");
    }

    @AfterEach
    void dropTheTrigger() {
        jdbc.execute("DROP TRIGGER IF EXISTS refuse_program_view_row ON program_view");
    }

    private long viewRows(String code) {
        return jdbc.queryForObject("SELECT count(*) FROM program_view WHERE code = ?", Long.class, code);
    }

    private JsonNode lettersOf(String sequence) {
        JsonNode listing = get("admin", "/api/v1/operations/dead-letters?processor=program-view").expect(200).json();
        com.fasterxml.jackson.databind.node.ArrayNode letters = JSON.createArrayNode();
        for (JsonNode letter : listing.get("listed")) {
            if (letter.get("sequence").asText().equals(sequence)) {
                letters.add(letter);
            }
        }
        return letters;
    }

    @Test
    void aFailingEventIsParkedWithItsSequenceTheProcessorGoesOnAndARetryAfterTheRepairProjectsIt() {
        refuseProgramViewRowsStartingWith("DLQ-REFUSED");
        String refused = newProgram("DLQ-REFUSED");
        put("finance", "/api/v1/programs/" + refused + "/plans/2023",
                "{\"plannedRecipients\":100,\"plannedPayouts\":12,\"budget\":\"144000.00\"}").expect(200);
        String next = newProgram("DLQ-NEXT");

        eventually(() -> viewRows(next) == 1 && lettersOf(refused).size() == 2);
        JsonNode letters = lettersOf(refused);
        assertThat(letters.get(0).get("eventType").asText()).endsWith("ProgramCreated");
        assertThat(letters.get(0).get("causeMessage").asText()).contains("program_view refuses " + refused);
        assertThat(letters.get(1).get("eventType").asText()).as("parked behind the failed event, not handled")
                .endsWith("AnnualPlanSet");
        assertThat(letters.get(1).get("causeMessage").isNull()).isTrue();
        assertThat(viewRows(refused)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM program_plan_view WHERE program_code = ?", Long.class,
                refused)).as("the plan waits for its program").isZero();
        assertThat(get("admin", "/actuator/prometheus").text())
                .containsPattern("ledger_dead_letters\\{[^}]*processor=\"program-view\"[^}]*} [1-9]");

        post("admin", "/api/v1/operations/dead-letters/program-view/retry", "{}").expect(200);
        assertThat(lettersOf(refused)).as("still refused: the letters stay, with the new cause").hasSize(2);

        dropTheTrigger();
        JsonNode retried = post("admin", "/api/v1/operations/dead-letters/program-view/retry", "{}").expect(200).json();
        assertThat(retried.get("sequencesCleared").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(lettersOf(refused)).isEmpty();
        assertThat(viewRows(refused)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT planned_recipients FROM program_plan_view WHERE program_code = ?",
                Long.class, refused)).isEqualTo(100);
        get("clerk", "/api/v1/operations/dead-letters").expectProblem(403, "FORBIDDEN");
    }

    @Test
    void anEvictedSequenceIsGoneFromTheQueueAndAReplayRestoresItsReadModel() {
        refuseProgramViewRowsStartingWith("DLQ-EVICTED");
        String evicted = newProgram("DLQ-EVICTED");
        eventually(() -> lettersOf(evicted).size() == 1);

        delete("admin", "/api/v1/operations/dead-letters/program-view/" + evicted).expect(200);
        assertThat(lettersOf(evicted)).isEmpty();
        assertThat(viewRows(evicted)).isZero();
        delete("admin", "/api/v1/operations/dead-letters/program-view/" + evicted).expectProblem(404, "NOT_FOUND");
        delete("admin", "/api/v1/operations/dead-letters/no-such-view/x").expectProblem(404, "NOT_FOUND");

        dropTheTrigger();
        StreamingEventProcessor processor =
                processing.eventProcessor("program-view", StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        eventually(() -> viewRows(evicted) == 1);
    }
}
