package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.core.BaseConnection;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * SPEC §8: problem details and application logs never carry a full ID number or a name. Failures that name a
 * recipient are provoked over HTTP — unknown recipients, a death recorded twice, a fact of another recipient, bad
 * rows, a name where JSON wanted a value, two enrolments of the same people racing, and duplicate keys written
 * straight to the database — and every problem body, and everything the application logged meanwhile, is searched
 * for an 18-character ID number and for the test's names. Rows of a refused file or list ({@code errors},
 * {@code rejected}) are the clerk's own data returned to them, not problem details: they are left as they are.
 */
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataInLogsHttpTest extends HttpTestBase {

    private static final Pattern FULL_ID = Pattern.compile("(?<![0-9])[0-9]{17}[0-9Xx](?![0-9Xx])");
    private static final List<String> NAMES = List.of("欧阳娜娜", "司马光明", "诸葛青云");

    private final List<Answer> problems = new ArrayList<>();

    @Test
    void noProblemDetailNorLogLineCarriesAFullIdNumberOrAName(CapturedOutput output) throws Exception {
        String code = newProgram("PII");
        String enrolled = syntheticId(9400);
        String other = syntheticId(9401);
        String stranger = syntheticId(9402);
        enrolNamed(code, enrolled, NAMES.get(0)).expect(201);
        enrolNamed(code, other, NAMES.get(1)).expect(201);

        // unknown recipients, on the read side and the write side
        problem(get("auditor", "/api/v1/recipients/" + stranger), 404, "UNKNOWN_RECIPIENT");
        problem(post("clerk", "/api/v1/recipients/" + stranger + "/deaths",
                "{\"dateOfDeath\":\"2023-01-10\",\"source\":\"殡葬\"}"), 404, "UNKNOWN_RECIPIENT");
        problem(post("clerk", "/api/v1/recipients/" + enrolled + "/enrolment-ends",
                "{\"program\":\"NO-SUCH-PROGRAM\",\"lastDueMonth\":\"2023-01\"}"), 404, "UNKNOWN_PROGRAM");

        // a death recorded twice with another date; a fact released under another recipient
        post("clerk", "/api/v1/recipients/" + enrolled + "/deaths",
                "{\"dateOfDeath\":\"2023-01-10\",\"source\":\"殡葬\"}").expect(201);
        problem(post("clerk", "/api/v1/recipients/" + enrolled + "/deaths",
                "{\"dateOfDeath\":\"2023-01-11\",\"source\":\"殡葬\"}"), 409, "DEATH_ALREADY_RECORDED");
        String suspension = post("inspector", "/api/v1/recipients/" + other + "/suspensions",
                "{\"kind\":\"LOST_CONTACT\",\"from\":\"2023-02-10\",\"source\":\"走访\"}").expect(201)
                .json().get("factId").asText();
        problem(post("inspector", "/api/v1/recipients/" + enrolled + "/suspensions/" + suspension + "/release",
                "{\"releasedOn\":\"2023-03-01\",\"source\":\"走访\"}"), 404, "UNKNOWN_FACT");

        // bad rows, as JSON and as a file: the rows come back in errors, the detail names nobody
        problem(enrolNamed(code, other, NAMES.get(1)), 422, "INVALID_ROWS");
        byte[] file = ("身份证号,姓名,金额\n" + stranger + "," + NAMES.get(2) + ",120.00\n")
                .getBytes(StandardCharsets.UTF_8);
        problem(postFile("clerk", batches(code, "2023-01"), NAMES.get(2) + ".csv", file, null), 422, "INVALID_ROWS");

        // a name where the JSON wanted a value, and a name in place of a date
        problem(post("clerk", "/api/v1/programs/" + code + "/enrolments", "{\"recipients\":[{\"id\":\"" + stranger
                + "\",\"name\":" + NAMES.get(2) + "}]}"), 400, "MALFORMED_REQUEST");
        problem(post("clerk", "/api/v1/recipients/" + other + "/deaths",
                "{\"dateOfDeath\":[\"" + NAMES.get(2) + "\"],\"source\":\"殡葬\"}"), 400, "MALFORMED_REQUEST");

        // the same people enrolled by two requests at once: one wins, the other is refused whichever way it loses
        List<String> racers = List.of(syntheticId(9410), syntheticId(9411), syntheticId(9412));
        String racersCode = newProgram("PII");
        List<CompletableFuture<Answer>> race = List.of(
                CompletableFuture.supplyAsync(() -> enrolAll(racersCode, racers)),
                CompletableFuture.supplyAsync(() -> enrolAll(racersCode, racers)));
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Answer> racer : race) {
            Answer answer = racer.get();
            statuses.add(answer.status());
            if (answer.status() != 201) {
                problems.add(answer);
            }
        }
        assertThat(statuses).contains(201);

        // duplicate keys written straight to the database: the driver keeps the key values out of its messages
        Throwable single = catchThrowable(() -> jdbc.update("INSERT INTO enrolment_index (program_code, "
                + "recipient_id, effective_from, monthly_standard_fen) VALUES (?, ?, DATE '2023-01-01', 12000)",
                code, enrolled));
        Throwable batched = catchThrowable(() -> jdbc.batchUpdate("INSERT INTO enrolment_index (program_code, "
                + "recipient_id, effective_from, monthly_standard_fen) VALUES (?, ?, DATE '2023-01-01', 12000)",
                List.of(new Object[]{code, other}, new Object[]{code, stranger})));
        for (Throwable duplicate : List.of(single, batched)) {
            assertThat(duplicate).isNotNull();
            for (Throwable t = duplicate; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).as("a duplicate-key message")
                        .doesNotContain(enrolled, other, stranger).doesNotContainPattern(FULL_ID);
            }
        }
        Boolean detailLogged = jdbc.execute((java.sql.Connection connection) ->
                connection.unwrap(BaseConnection.class).getLogServerErrorDetail());
        assertThat(detailLogged).as("logServerErrorDetail on the application's connections").isFalse();

        // whatever is logged with an ID number, by anyone, is written masked
        LoggerFactory.getLogger(PersonalDataInLogsHttpTest.class).warn("probe: recipient {} in {}", enrolled, code,
                new IllegalStateException("no recipient " + stranger));

        assertThat(problems).hasSizeGreaterThanOrEqualTo(10);
        for (Answer answer : problems) {
            String detail = answer.json().path("detail").asText();
            assertThat(detail).as("detail of %s", answer.text()).doesNotContainPattern(FULL_ID);
            assertThat(answer.json().path("instance").asText()).as("instance of %s", answer.text())
                    .doesNotContainPattern(FULL_ID);
            for (String name : NAMES) {
                assertThat(detail).as("detail of %s", answer.text()).doesNotContain(name);
            }
        }
        String logged = output.getAll();
        assertThat(logged).contains("probe: recipient " + enrolled.substring(0, 6) + "********"
                + enrolled.substring(14));
        assertThat(logged).contains("no recipient " + stranger.substring(0, 6) + "********");
        assertThat(logged).doesNotContainPattern(FULL_ID);
        for (String name : NAMES) {
            assertThat(logged).doesNotContain(name);
        }
    }

    @Test
    void aProblemAboutARecipientNamesThemMasked() {
        String stranger = syntheticId(9403);
        Answer answer = get("auditor", "/api/v1/recipients/" + stranger).expectProblem(404, "UNKNOWN_RECIPIENT");
        assertThat(answer.json().get("detail").asText())
                .isEqualTo("no recipient " + stranger.substring(0, 6) + "********" + stranger.substring(14));
        assertThat(answer.json().get("instance").asText()).as("the request path names them masked too")
                .isEqualTo("/api/v1/recipients/" + stranger.substring(0, 6) + "********" + stranger.substring(14));
    }

    private void problem(Answer answer, int status, String code) {
        answer.expectProblem(status, code);
        problems.add(answer);
    }

    private Answer enrolNamed(String code, String id, String name) {
        return post("clerk", "/api/v1/programs/" + code + "/enrolments", "{\"effectiveFrom\":\"2023-01\","
                + "\"recipients\":[{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"region\":\"650102\"}]}");
    }

    private Answer enrolAll(String code, List<String> ids) {
        StringBuilder body = new StringBuilder("{\"effectiveFrom\":\"2023-01\",\"recipients\":[");
        for (int i = 0; i < ids.size(); i++) {
            body.append(i == 0 ? "" : ",").append("{\"id\":\"").append(ids.get(i)).append("\",\"name\":\"")
                    .append(NAMES.get(i)).append("\",\"region\":\"650102\"}");
        }
        return post("clerk", "/api/v1/programs/" + code + "/enrolments", body.append("]}").toString());
    }

}
