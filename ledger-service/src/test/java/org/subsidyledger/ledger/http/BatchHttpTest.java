package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/** Payout batches end to end: posting and its rejections, the workflow, idempotency, races, returns and reissue. */
class BatchHttpTest extends HttpTestBase {

    private static final String BAD_ID = "530102192005080119";

    @Test
    void rejectsEachBadLineWithItsLineNumberAndCodeAndRecordsTheRest() {
        String code = newProgram("REJ");
        enrol(code, "2023-01", 100, 101, 102, 103, 104, 105, 106, 107);
        enrol(code, "2023-05", 108);
        post("clerk", "/api/v1/recipients/" + syntheticId(107) + "/deaths",
                "{\"dateOfDeath\":\"2023-01-20\",\"source\":\"殡葬\"}").expect(201);
        String json = lines(
                line(syntheticId(100), "120.00"),           // 1 accepted
                line(syntheticId(101), "100.00"),           // 2 accepted, short
                line(syntheticId(102), "150.00"),           // 3 accepted, over
                line(BAD_ID, "120.00"),                     // 4 bad check digit
                line(syntheticId(103), "120.001"),          // 5 three decimals
                line(syntheticId(104), "-120.00"),          // 6 negative
                line(syntheticId(105), "0"),                // 7 zero
                line(syntheticId(106), "一百二十"),          // 8 not a number
                line(syntheticId(999), "120.00"),           // 9 not enrolled at all
                line(syntheticId(108), "120.00"),           // 10 enrolled only from May
                line(syntheticId(107), "120.00"),           // 11 dead: not due
                line(syntheticId(100), "120.00"),           // 12 twice in this batch
                "{\"recipientId\":\"" + syntheticId(103) + "\",\"name\":\"x\"}");  // 13 no amount
        Answer answer = post("clerk", batches(code, "2023-02"), json, null).expect(201);

        assertThat(answer.json().get("accepted").asInt()).isEqualTo(3);
        assertThat(answer.json().get("acceptedTotal").asText()).isEqualTo("370.00");
        assertThat(answer.json().get("short").asInt()).isEqualTo(1);
        assertThat(answer.json().get("over").asInt()).isEqualTo(1);
        Map<Integer, String> codes = new HashMap<>();
        for (JsonNode rejected : answer.json().get("rejected")) {
            codes.put(rejected.get("line").asInt(), rejected.get("code").asText());
            assertThat(rejected.get("message").asText()).isNotBlank();
        }
        assertThat(codes).containsExactlyInAnyOrderEntriesOf(Map.of(
                4, "INVALID_RECIPIENT_ID", 5, "INVALID_AMOUNT", 6, "INVALID_AMOUNT", 7, "INVALID_AMOUNT",
                8, "INVALID_AMOUNT", 9, "NOT_ENROLLED", 10, "NOT_ENROLLED", 11, "NOT_DUE", 12, "DUPLICATE_IN_FILE",
                13, "MISSING_VALUE"));
        assertThat(answer.json().get("rejected").get(0).get("recipientId").asText()).isEqualTo(BAD_ID);
    }

    @Test
    void refusesAPendingAndThenAPaidMonthAgainButAcceptsTheNextMonth() {
        String code = newProgram("AGAIN");
        enrol(code, "2023-01", 200, 201);
        String first = post("clerk", batches(code, "2023-02"), lines(line(syntheticId(200), "120.00")), null)
                .expect(201).json().get("batchId").asText();

        Answer pending = post("clerk", batches(code, "2023-02"),
                lines(line(syntheticId(200), "120.00"), line(syntheticId(201), "120.00")), null).expect(201);
        assertThat(pending.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(pending.json().get("rejected").get(0).get("code").asText()).isEqualTo("ALREADY_PENDING");
        assertThat(pending.json().get("rejected").get(0).get("message").asText()).contains(first);

        approveAndDisburse(first);
        Answer paid = post("clerk", batches(code, "2023-02"), lines(line(syntheticId(200), "120.00")), null);
        paid.expectProblem(422, "INVALID_ROWS");
        assertThat(paid.json().get("errors").get(0).get("code").asText()).isEqualTo("ALREADY_PAID");
        assertThat(paid.json().get("errors").get(0).get("line").asInt()).isEqualTo(1);

        post("clerk", batches(code, "2023-03"), lines(line(syntheticId(200), "120.00")), null).expect(201);
    }

    @Test
    void postsAGb18030FileWithChineseHeadersAndAnswersTheSameBatchWhenTheFileComesAgain() {
        String code = newProgram("FILE");
        enrol(code, "2023-01", 300, 301);
        byte[] csv = ("身份证号,姓名,金额,备注\n" + syntheticId(300) + ",张三,120.00,\n" + syntheticId(301)
                + ",李四,120.00,补发\n" + BAD_ID + ",王五,120.00,\n").getBytes(Charset.forName("GB18030"));
        long events = eventCount();
        Answer first = postFile("clerk", batches(code, "2023-02"), "二月.csv", csv, null).expect(201);
        assertThat(first.json().get("accepted").asInt()).isEqualTo(2);
        assertThat(first.json().get("rejected").get(0).get("line").asInt()).isEqualTo(4);
        assertThat(eventCount()).isEqualTo(events + 2); // BatchPosted and one part of lines

        Answer again = postFile("clerk", batches(code, "2023-02"), "二月-copy.csv", csv, null).expect(201);
        assertThat(again.json().get("batchId").asText()).isEqualTo(first.json().get("batchId").asText());
        assertThat(again.raw().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(eventCount()).isEqualTo(events + 2);
    }

    @Test
    void recordsOneBatchForOneIdempotencyKeyAndRefusesTheKeyForAnotherBody() {
        String code = newProgram("KEY");
        enrol(code, "2023-01", 400, 401);
        String key = UUID.randomUUID().toString();
        String body = lines(line(syntheticId(400), "120.00"));
        String first = post("clerk", batches(code, "2023-02"), body, key).expect(201).json().get("batchId").asText();
        String second = post("clerk", batches(code, "2023-02"), body, key).expect(201).json().get("batchId").asText();
        assertThat(second).isEqualTo(first);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT batch_id) FROM payout_line_index WHERE program_code = ?",
                Long.class, code)).isOne();

        post("clerk", batches(code, "2023-02"), lines(line(syntheticId(401), "120.00")), key)
                .expectProblem(422, "IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void refusesABatchWithNoAcceptableLineAndRecordsNothing() {
        String code = newProgram("NONE");
        long events = eventCount();
        Answer answer = post("clerk", batches(code, "2023-02"), lines(line(BAD_ID, "120.00")), null);
        answer.expectProblem(422, "INVALID_ROWS");
        assertThat(answer.json().get("errors").get(0).get("code").asText()).isEqualTo("INVALID_RECIPIENT_ID");
        assertThat(eventCount()).isEqualTo(events);
        post("clerk", batches("NO-SUCH-PROGRAM", "2023-02"), lines(line(syntheticId(1), "120.00")), null)
                .expectProblem(404, "UNKNOWN_PROGRAM");
        post("clerk", batches(code, "2023-13"), lines(line(syntheticId(1), "120.00")), null)
                .expectProblem(422, "INVALID_MONTH");
    }

    @Test
    void runsTheWholeWorkflowWithEachStepByItsRoleAndRecordsEachActor() {
        String code = newProgram("FLOW");
        enrol(code, "2023-01", 500, 501);
        String batch = post("clerk", batches(code, "2023-02"),
                lines(line(syntheticId(500), "120.00"), line(syntheticId(501), "120.00")), null)
                .expect(201).json().get("batchId").asText();

        post("clerk", reviews(batch), review(1, "APPROVE")).expectProblem(403, "FORBIDDEN");
        post("reviewer1", approval(batch), "{\"decision\":\"APPROVE\"}").expectProblem(403, "FORBIDDEN");
        post("finance", disbursement(batch), "{\"disbursedOn\":\"2023-02-20\"}").expectProblem(409, "INVALID_BATCH_STATE");
        post("reviewer2", reviews(batch), review(2, "APPROVE")).expectProblem(409, "REVIEW_OUT_OF_ORDER");
        assertThat(post("reviewer1", reviews(batch), review(1, "APPROVE")).expect(200).json().get("status").asText())
                .isEqualTo("IN_REVIEW");
        post("reviewer1", reviews(batch), review(2, "APPROVE")).expectProblem(403, "SEGREGATION_OF_DUTIES");
        post("reviewer2", reviews(batch), review(2, "REJECT")).expectProblem(422, "MISSING_VALUE");
        post("reviewer2", reviews(batch), "{\"level\":2,\"decision\":\"REJECT\",\"comment\":\"名单缺签字\"}").expect(200);
        post("reviewer3", reviews(batch), review(3, "APPROVE")).expectProblem(409, "INVALID_BATCH_STATE");
        assertThat(post("clerk", "/api/v1/batches/" + batch + "/resubmission", "{\"comment\":\"已补签字\"}")
                .expect(200).json().get("status").asText()).isEqualTo("IN_REVIEW");
        post("reviewer1", reviews(batch), review(1, "APPROVE")).expect(200);
        post("reviewer2", reviews(batch), review(2, "APPROVE")).expect(200);
        assertThat(post("reviewer3", reviews(batch), review(3, "APPROVE")).expect(200).json().get("status").asText())
                .isEqualTo("REVIEWED");
        post("reviewer3", reviews(batch), review(3, "APPROVE")).expectProblem(409, "INVALID_BATCH_STATE");
        recordedOn("2023-02-20", () -> post("finance", approval(batch),
                "{\"decision\":\"APPROVE\",\"comment\":\"同意\"}").expect(200));
        post("finance", approval(batch), "{\"decision\":\"APPROVE\"}").expectProblem(409, "INVALID_BATCH_STATE");
        post("clerk", "/api/v1/batches/" + batch + "/withdrawal", "{\"reason\":\"x\"}")
                .expectProblem(409, "INVALID_BATCH_STATE");
        assertThat(post("finance", disbursement(batch), "{\"disbursedOn\":\"2023-02-20\"}").expect(200).json()
                .get("status").asText()).isEqualTo("DISBURSED");
        post("finance", disbursement(batch), "{\"disbursedOn\":\"2023-02-21\"}").expectProblem(409, "INVALID_BATCH_STATE");
        post("reviewer1", reviews(UUID.randomUUID().toString()), review(1, "APPROVE"))
                .expectProblem(404, "UNKNOWN_BATCH");

        eventually(() -> "DISBURSED".equals(get("auditor", "/api/v1/batches/" + batch).json()
                .path("batch").path("status").asText()));
        JsonNode view = get("auditor", "/api/v1/batches/" + batch).expect(200).json();
        assertThat(view.get("batch").get("paid").asInt()).isEqualTo(2);
        assertThat(view.get("batch").get("paidTotal").asText()).isEqualTo("240.00");
        assertThat(view.get("batch").get("disbursedOn").asText()).isEqualTo("2023-02-20");
        List<String> steps = new ArrayList<>();
        for (JsonNode step : view.get("steps")) {
            steps.add(step.get("step").asText() + ":" + step.get("actor").asText());
        }
        assertThat(steps).containsExactly("POSTED:clerk", "REVIEWED:reviewer1", "REVIEW_REJECTED:reviewer2",
                "RESUBMITTED:clerk", "REVIEWED:reviewer1", "REVIEWED:reviewer2", "REVIEWED:reviewer3",
                "APPROVED:finance", "DISBURSED:finance");
        JsonNode paidLines = get("auditor", "/api/v1/batches/" + batch + "/lines?state=PAID").expect(200).json();
        assertThat(paidLines.get("total").asInt()).isEqualTo(2);
    }

    @Test
    void twoClerksPostingOverlappingBatchesAtTheSameMomentNeverPayARecipientTwiceForAMonth() throws Exception {
        String code = newProgram("RACE");
        int[] all = new int[400];
        for (int i = 0; i < all.length; i++) {
            all[i] = 10_000 + i;
        }
        enrol(code, "2023-01", all);
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            a.add(line(syntheticId(10_000 + i), "120.00"));            // recipients 0–299
            b.add(line(syntheticId(10_100 + i), "120.00"));            // recipients 100–399
        }
        CyclicBarrier start = new CyclicBarrier(2);
        CompletableFuture<Answer> first = CompletableFuture.supplyAsync(() -> {
            await(start);
            return post("clerk", batches(code, "2023-02"), lines(a.toArray(String[]::new)), null);
        });
        CompletableFuture<Answer> second = CompletableFuture.supplyAsync(() -> {
            await(start);
            return post("clerk2", batches(code, "2023-02"), lines(b.toArray(String[]::new)), null);
        });
        Answer one = first.get().expect(201);
        Answer two = second.get().expect(201);

        assertThat(one.json().get("accepted").asInt() + two.json().get("accepted").asInt()).isEqualTo(400);
        assertThat(one.json().get("rejected").size() + two.json().get("rejected").size()).isEqualTo(200);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM (SELECT recipient_id FROM payout_line_index
                                      WHERE program_code = ? AND state IN ('PENDING', 'PAID')
                                      GROUP BY recipient_id HAVING count(*) > 1) twice""", Long.class, code)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payout_line_index WHERE program_code = ?", Long.class,
                code)).isEqualTo(400);
    }

    @Test
    void aBankReturnMakesALineUnpaidAndItCanBeReissuedForThatMonth() {
        String code = newProgram("RET");
        enrol(code, "2023-01", 600, 601);
        String batch = post("clerk", batches(code, "2023-02"),
                lines(line(syntheticId(600), "120.00"), line(syntheticId(601), "120.00")), null)
                .expect(201).json().get("batchId").asText();
        post("finance", returns(batch), "{\"reference\":\"退票通知-01\",\"lines\":[{\"recipientId\":\"" + syntheticId(600) + "\",\"reason\":\"x\"}]}")
                .expectProblem(409, "INVALID_BATCH_STATE");
        approveAndDisburse(batch);

        byte[] file = ("身份证号,批次,原因\n" + syntheticId(600) + "," + batch + ",账户已销户\n" + syntheticId(999)
                + "," + batch + ",户名不符\n" + syntheticId(601) + ",another-batch,账号错误\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Answer returned = postFile("finance", returns(batch) + "?reference=TP-0002", "退票.csv", file, null).expect(201);
        assertThat(returned.json().get("returned").asInt()).isEqualTo(1);
        assertThat(returned.json().get("returnedTotal").asText()).isEqualTo("120.00");
        assertThat(codesByLine(returned.json().get("rejected"))).containsExactlyInAnyOrderEntriesOf(
                Map.of(3, "NOT_IN_BATCH", 4, "BATCH_MISMATCH"));
        Answer twice = post("finance", returns(batch),
                "{\"reference\":\"退票通知-01\",\"lines\":[{\"recipientId\":\"" + syntheticId(600) + "\",\"reason\":\"再次退票\"}]}");
        twice.expectProblem(422, "INVALID_ROWS");
        assertThat(twice.json().get("errors").get(0).get("code").asText()).isEqualTo("ALREADY_RETURNED");

        Answer reissue = post("clerk", batches(code, "2023-02"),
                lines(line(syntheticId(600), "120.00"), line(syntheticId(601), "120.00")), null).expect(201);
        assertThat(reissue.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(reissue.json().get("rejected").get(0).get("code").asText()).isEqualTo("ALREADY_PAID");
        String reissued = reissue.json().get("batchId").asText();
        approveAndDisburse(reissued);

        eventually(() -> balance(syntheticId(600), code).path("paid").asText().equals("120.00")
                && "DISBURSED".equals(get("auditor", "/api/v1/batches/" + reissued).json().path("batch")
                .path("status").asText()));
        JsonNode balance = balance(syntheticId(600), code);
        assertThat(balance.get("due").asText()).isEqualTo("240.00");   // January and February
        assertThat(balance.get("paidThrough").asText()).isEqualTo("2023-02");
        assertThat(balance.get("overpaid").asText()).isEqualTo("0.00");
        List<String> states = new ArrayList<>();
        for (JsonNode payment : get("auditor", "/api/v1/recipients/" + syntheticId(600)).json().get("payments")) {
            if (payment.get("program").asText().equals(code)) {
                states.add(payment.get("state").asText());
            }
        }
        assertThat(states).containsExactlyInAnyOrder("RETURNED", "PAID");
        eventually(() -> get("auditor", "/api/v1/batches/" + batch).json().path("batch").path("returned").asInt() == 1);
        assertThat(get("auditor", "/api/v1/batches/" + batch).json().get("batch").get("paidTotal").asText())
                .isEqualTo("120.00");
    }

    @Test
    void aFailureInTheMiddleOfAPostLeavesNoTrace() {
        String code = newProgram("FAIL");
        int[] recipients = new int[2_500];
        for (int i = 0; i < recipients.length; i++) {
            recipients[i] = 20_000 + i;
        }
        enrol(code, "2023-01", recipients);
        String[] lines = new String[recipients.length];
        for (int i = 0; i < recipients.length; i++) {
            lines[i] = line(syntheticId(recipients[i]), "120.00");
        }
        long events = eventCount();
        String key = UUID.randomUUID().toString();
        // The third part of the lines fails to be stored, after the index rows and two parts were written.
        jdbc.execute("""
                CREATE FUNCTION fail_third_part() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.type = 'Batch' AND NEW.sequence_number = 3 THEN
                        RAISE EXCEPTION 'disk full (simulated)';
                    END IF;
                    RETURN NEW;
                END $$""");
        jdbc.execute("CREATE TRIGGER fail_third_part BEFORE INSERT ON domain_event_entry FOR EACH ROW "
                + "EXECUTE FUNCTION fail_third_part()");
        try {
            post("clerk", batches(code, "2023-02"), lines(lines), key).expectProblem(500, "INTERNAL_ERROR");
        } finally {
            jdbc.execute("DROP TRIGGER fail_third_part ON domain_event_entry");
            jdbc.execute("DROP FUNCTION fail_third_part()");
        }
        assertThat(eventCount()).isEqualTo(events);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payout_line_index WHERE program_code = ?", Long.class,
                code)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotent_request WHERE idempotency_key = ?",
                Long.class, key)).isZero();

        Answer retry = post("clerk", batches(code, "2023-02"), lines(lines), key).expect(201);
        assertThat(retry.json().get("accepted").asInt()).isEqualTo(2_500);
    }

    private static Map<Integer, String> codesByLine(JsonNode rejected) {
        Map<Integer, String> codes = new HashMap<>();
        for (JsonNode line : rejected) {
            codes.put(line.get("line").asInt(), line.get("code").asText());
        }
        return codes;
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theSameFilePostedAfterItsBatchWasWithdrawnPostsANewBatch() {
        String code = newProgram("REPOST");
        enrol(code, "2023-01", 310, 311);
        byte[] csv = ("身份证号,姓名,金额\n" + syntheticId(310) + ",张三,120.00\n" + syntheticId(311) + ",李四,120.00\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String first = postFile("clerk", batches(code, "2023-02"), "二月.csv", csv, null).expect(201)
                .json().get("batchId").asText();
        post("clerk", "/api/v1/batches/" + first + "/withdrawal", "{\"reason\":\"金额有误，重新上传\"}").expect(200);

        Answer again = postFile("clerk", batches(code, "2023-02"), "二月.csv", csv, null).expect(201);
        assertThat(again.json().get("batchId").asText()).as("a new batch").isNotEqualTo(first);
        assertThat(again.json().get("accepted").asInt()).isEqualTo(2);
        assertThat(again.raw().headers().firstValue("Idempotent-Replayed")).isEmpty();
        Answer third = postFile("clerk2", batches(code, "2023-02"), "二月.csv", csv, null).expect(201);
        assertThat(third.json().get("batchId").asText()).as("the live batch is answered, to anyone")
                .isEqualTo(again.json().get("batchId").asText());
        assertThat(third.raw().headers().firstValue("Idempotent-Replayed")).hasValue("true");
    }

    @Test
    void anIdempotencyKeyBelongsToTheUserWhoSentIt() {
        String code = newProgram("KEYOWNER");
        enrol(code, "2023-01", 320, 321);
        String key = "batch-" + UUID.randomUUID();
        Answer mine = post("clerk", batches(code, "2023-02"), lines(line(syntheticId(320), "120.00")), key).expect(201);
        Answer theirs = post("clerk2", batches(code, "2023-02"), lines(line(syntheticId(321), "120.00")), key)
                .expect(201);
        assertThat(theirs.raw().headers().firstValue("Idempotent-Replayed")).as("not the other user's answer").isEmpty();
        assertThat(theirs.json().get("batchId").asText()).isNotEqualTo(mine.json().get("batchId").asText());
        Answer retried = post("clerk", batches(code, "2023-02"), lines(line(syntheticId(320), "120.00")), key)
                .expect(201);
        assertThat(retried.raw().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(retried.json().get("batchId").asText()).isEqualTo(mine.json().get("batchId").asText());
    }
}
