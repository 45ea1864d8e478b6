package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a reviewer works from: the inbox of batches waiting for their step ({@code GET /inbox}) and the comparison of
 * a batch with last month ({@code GET /batches/{id}/comparison}): counts, totals, recipients added and dropped —
 * kept until one of the batches it reads changes.
 */
class ReviewInboxHttpTest extends HttpTestBase {

    @Test
    void aReviewerFindsTheBatchInTheInboxAndComparesItWithLastMonthAsTheMonthChanges() {
        String code = newProgram("INBOX");
        enrol(code, "2023-01", 9401, 9402, 9403, 9404);
        String a = syntheticId(9401);
        String b = syntheticId(9402);
        String c = syntheticId(9403);
        String d = syntheticId(9404);
        payMonth(code, 1, List.of(a, b, c));
        String february = post("clerk", batches(code, "2023-02"), lines(line(a, "120.00"), line(b, "100.00"),
                line(d, "120.00")), null).expect(201).json().get("batchId").asText();
        eventually(() -> get("clerk", "/api/v1/batches/" + february).status() == 200);

        JsonNode waiting = waitingFor("reviewer1", february);
        assertThat(waiting.get("step").asText()).isEqualTo("REVIEW");
        assertThat(waiting.get("level").asInt()).isEqualTo(1);
        assertThat(waitingFor("clerk", february)).as("the clerk who posted it waits for nobody").isNull();
        assertThat(waitingFor("finance", february)).as("not yet reviewed").isNull();

        JsonNode comparison = get("reviewer1", "/api/v1/batches/" + february + "/comparison").expect(200).json();
        assertThat(comparison.get("period").asText()).isEqualTo("2023-02");
        assertThat(comparison.get("previousPeriod").asText()).isEqualTo("2023-01");
        assertThat(comparison.get("lines").asInt()).isEqualTo(3);
        assertThat(comparison.get("total").asText()).isEqualTo("340.00");
        assertThat(comparison.get("previousLines").asInt()).isEqualTo(3);
        assertThat(comparison.get("previousTotal").asText()).isEqualTo("360.00");
        assertThat(comparison.get("added").asLong()).isEqualTo(1);
        assertThat(comparison.get("addedSample").get(0).asText()).isEqualTo(d);
        assertThat(comparison.get("dropped").asLong()).isEqualTo(1);
        assertThat(comparison.get("droppedSample").get(0).asText()).isEqualTo(c);
        assertThat(get("evaluator", "/api/v1/batches/" + february + "/comparison").json().get("addedSample").get(0)
                .asText()).as("masked for an evaluator").isEqualTo(d.substring(0, 6) + "********" + d.substring(14));

        // c is paid in February after all, on a second batch: no longer dropped
        String second = post("clerk", batches(code, "2023-02"), lines(line(c, "120.00")), null).expect(201).json()
                .get("batchId").asText();
        eventually(() -> get("clerk", "/api/v1/batches/" + second).status() == 200);
        JsonNode after = get("reviewer1", "/api/v1/batches/" + february + "/comparison").expect(200).json();
        assertThat(after.get("dropped").asLong()).isZero();
        assertThat(after.get("added").asLong()).isEqualTo(1);

        review(february);
        eventually(() -> waitingFor("finance", february) != null);
        assertThat(waitingFor("finance", february).get("step").asText()).isEqualTo("APPROVAL");
        assertThat(waitingFor("reviewer1", february)).as("reviewed: no longer the reviewers'").isNull();
    }

    /** The caller's inbox entry for {@code batch}, or null. */
    private JsonNode waitingFor(String user, String batch) {
        for (JsonNode entry : get(user, "/api/v1/inbox").expect(200).json()) {
            if (entry.at("/batch/batchId").asText().equals(batch)) {
                return entry;
            }
        }
        return null;
    }
}
