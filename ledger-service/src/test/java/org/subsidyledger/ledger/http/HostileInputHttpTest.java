package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Input meant to hurt, through the running service (issue 15's probes): each refused with a 4xx problem and a stable
 * code, and nothing recorded.
 */
class HostileInputHttpTest extends HttpTestBase {

    @Test
    void aBatchForAMonthOutsideTheLedgersRangeIsRefusedAndNothingIsRecorded() {
        String code = newProgram("HOSTILE");
        enrol(code, "2023-01", 6300);
        long events = eventCount();
        post("clerk", batches(code, "9999-12"), lines(line(syntheticId(6300), "120.00")), null)
                .expectProblem(422, "INVALID_MONTH");
        post("clerk", batches(code, "1999-12"), lines(line(syntheticId(6300), "120.00")), null)
                .expectProblem(422, "INVALID_MONTH");
        assertThat(eventCount()).as("nothing recorded").isEqualTo(events);
    }

    @Test
    void aDeductionShareWithAHundredMillionDigitScaleIsRefusedAsItIsRead() {
        String code = newProgram("HOSTILE");
        enrol(code, "2023-01", 6301);
        String person = syntheticId(6301);
        payMonth(code, 1, List.of(person));
        payMonth(code, 2, List.of(person));
        String caseId = post("clerk", "/api/v1/recipients/" + person + "/deaths",
                "{\"dateOfDeath\":\"2023-01-10\",\"source\":\"殡葬\"}").expect(201).json()
                .get("overpayments").get(0).get("caseId").asText();
        long events = eventCount();
        // before: parsed, then compared with the maximum share — minutes of CPU for one request
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> post("inspector",
                "/api/v1/overpayments/" + caseId + "/deduction", "{\"share\":\"1e-100000000\"}")
                .expectProblem(422, "INVALID_DEDUCTION_SHARE"));
        post("inspector", "/api/v1/overpayments/" + caseId + "/deduction", "{\"share\":\"0.12345\"}")
                .expectProblem(422, "INVALID_DEDUCTION_SHARE");
        assertThat(eventCount()).as("nothing recorded").isEqualTo(events);
        post("inspector", "/api/v1/overpayments/" + caseId + "/deduction", "{\"share\":\"0.25\"}").expect(200);
    }

    /** 33 MB of JSON: a batch of ~360k lines, above the 32 MB limit, declared or chunked. */
    @Test
    void aJsonBodyAboveTheLimitIsRefusedWith413DeclaredOrChunked() {
        String code = newProgram("HOSTILE");
        enrol(code, "2023-01", 6302);
        StringBuilder body = new StringBuilder("{\"lines\":[");
        String line = line(syntheticId(6302), "120.00");
        while (body.length() < 33 * 1024 * 1024) {
            body.append(line).append(',');
        }
        body.append(line).append("]}");
        byte[] bytes = body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long events = eventCount();
        String path = batches(code, "2023-02");
        send(request("clerk", path).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes)).build())
                .expectProblem(413, "BODY_TOO_LARGE");
        send(request("clerk", path).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(bytes))).build())
                .expectProblem(413, "BODY_TOO_LARGE");
        assertThat(eventCount()).as("nothing recorded").isEqualTo(events);
    }

    /**
     * A batch file of 200 MB and 1 kB (ledger.upload.max-bytes), sent as it is generated so that neither side holds
     * it: refused 413 FILE_TOO_LARGE naming the setting, nothing recorded.
     */
    @Test
    void aFileAboveTheByteLimitIsRefusedWith413AndNothingIsRecorded() {
        String code = newProgram("HOSTILE");
        enrol(code, "2023-01", 6303);
        byte[] row = (syntheticId(6303) + ",受益人6303,120.00\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long size = 200L * 1024 * 1024 + 1024;
        String boundary = "----ledger" + java.util.UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n身份证号,姓名,金额\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long events = eventCount();
        Answer answer = send(request("clerk", batches(code, "2023-02"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.SequenceInputStream(
                        java.util.Collections.enumeration(List.of(new java.io.ByteArrayInputStream(head),
                                new Repeated(row, size), new java.io.ByteArrayInputStream(tail)))))).build());
        answer.expectProblem(413, "FILE_TOO_LARGE");
        assertThat(answer.json().get("detail").asText()).contains("200 MB", "ledger.upload.max-bytes");
        assertThat(eventCount()).as("nothing recorded").isEqualTo(events);
    }

    /** {@code size} bytes of {@code row} repeated, made as they are read. */
    private static final class Repeated extends java.io.InputStream {
        private final byte[] row;
        private long left;
        private int at;

        Repeated(byte[] row, long size) {
            this.row = row;
            this.left = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(length, left);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = row[at];
                at = (at + 1) % row.length;
            }
            left -= n;
            return n;
        }
    }

    /**
     * Password guessing (test settings: slowed after 3 wrong passwords, locked for 3 s after 5): the 4th attempt at
     * once is refused unchecked, later ones after 1 s and 2 s are checked, the 5th wrong one locks the user, and the
     * right password is refused until the lock ends.
     */
    @Test
    void wrongPasswordsSlowTheNextAttemptsThenLockTheUserEvenAgainstTheRightPassword() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            signIn("wrong").expectProblem(401, "UNAUTHENTICATED");
        }
        Answer slowed = signIn("right-password");
        slowed.expectProblem(401, "ACCOUNT_LOCKED");
        assertThat(slowed.raw().headers().firstValue("Retry-After")).isPresent();
        Thread.sleep(1_100);
        signIn("wrong").expectProblem(401, "UNAUTHENTICATED");
        Thread.sleep(2_100);
        signIn("wrong").expectProblem(401, "UNAUTHENTICATED");
        signIn("right-password").expectProblem(401, "ACCOUNT_LOCKED");
        Thread.sleep(3_200);
        signIn("right-password").expect(200);
        signIn("wrong").expectProblem(401, "UNAUTHENTICATED"); // a success started the count again
        signIn("right-password").expect(200);
    }

    private Answer signIn(String password) {
        return send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                        + "/api/v1/programs"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        ("lockout.probe:" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .GET().build());
    }
}
