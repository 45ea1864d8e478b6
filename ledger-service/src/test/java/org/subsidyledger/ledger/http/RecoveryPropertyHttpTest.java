package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.subsidyledger.contract.value.Money;

/**
 * Random sequences of recovery operations against the running service, checked against a small model of rule 7, docs/rules.md:
 * repayments (some too large), write-offs approved or rejected, reversals, corrections of the fact that shrink or grow
 * a case (releasing write-offs, leaving refunds owed), refunds (some too large), deduction from later payments, bank
 * returns of those payments, cancellation. Every few steps, and at the end, each recipient's balance must equal the
 * model and satisfy outstanding − refund due = overpaid − recovered − written off, with neither negative.
 */
class RecoveryPropertyHttpTest extends HttpTestBase {

    private static final long STANDARD = 12_000;
    private static final long CAP = 6_000; // the default share 0.50 of the standard

    /** One recipient's case as the model sees it. */
    private static final class Model {
        final String recipientId;
        final String factId;
        final String caseId;
        int lastSuspendedMonth;
        long amount;
        long recovered;
        long writtenOff;
        boolean cancelled;
        boolean deduction;
        final List<long[]> manualRepayments = new ArrayList<>(); // {index into ids, amount, reversed 0/1}
        final List<String> repaymentIds = new ArrayList<>();
        /** batch id → deduction amount from this recipient's line in it. */
        final java.util.Map<String, Long> deductions = new java.util.HashMap<>();
        final java.util.Set<String> returned = new java.util.HashSet<>();

        Model(String recipientId, String factId, String caseId, int lastSuspendedMonth) {
            this.recipientId = recipientId;
            this.factId = factId;
            this.caseId = caseId;
            this.lastSuspendedMonth = lastSuspendedMonth;
            this.amount = (lastSuspendedMonth - 1) * STANDARD;
        }

        long outstanding() {
            return cancelled ? 0 : Math.max(0, amount - recovered - writtenOff);
        }

        long refundDue() {
            return cancelled ? recovered : Math.max(0, recovered + writtenOff - amount);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 29, 47})
    void everyRecipientsBalanceFollowsTheModelWhateverTheOrderOfRecoveryOperations(long seed) {
        Random random = new Random(seed);
        String code = newProgram("PRP");
        int base = 7000 + (int) seed * 10;
        enrol(code, "2023-01", base, base + 1, base + 2);
        List<String> ids = List.of(syntheticId(base), syntheticId(base + 1), syntheticId(base + 2));
        for (int month = 1; month <= 6; month++) {
            payMonth(code, month, ids);
        }
        List<Model> models = new ArrayList<>();
        for (String id : ids) {
            int last = 2 + random.nextInt(4); // suspended February … last month: overpaid
            JsonNode fact = post("inspector", "/api/v1/recipients/" + id + "/suspensions",
                    "{\"kind\":\"IMPRISONMENT\",\"from\":\"2023-01-15\",\"to\":\"2023-%02d-10\",\"source\":\"司法\"}"
                            .formatted(last)).expect(201).json();
            models.add(new Model(id, fact.get("factId").asText(),
                    fact.get("overpayments").get(0).get("caseId").asText(), last));
        }
        int[] nextMonth = {7};
        String[] lastBatch = {null};
        for (int step = 1; step <= 40; step++) {
            Model m = models.get(random.nextInt(models.size()));
            int op = random.nextInt(100);
            if (op < 25) {
                repay(m, 1 + random.nextInt((int) m.outstanding() + 5_000));
            } else if (op < 38) {
                writeOff(m, 1 + random.nextInt((int) m.outstanding() + 2_000), random.nextBoolean());
            } else if (op < 46) {
                reverse(m, random);
            } else if (op < 56) {
                correct(m, 2 + random.nextInt(4));
            } else if (op < 66) {
                long due = m.refundDue();
                if (due == 0 && m.outstanding() > 0 && random.nextBoolean()) {
                    // recovered in full, then the case shrinks to one month: what was recovered beyond it is owed back
                    repay(m, m.outstanding());
                    correct(m, m.lastSuspendedMonth == 2 ? 3 : 2);
                    due = m.refundDue();
                }
                refund(m, 1 + random.nextInt((int) (due > 0 ? due + due / 4 : 1_000)));
            } else if (op < 74) {
                arrangeDeduction(m);
            } else if (op < 88 && nextMonth[0] <= 12) {
                lastBatch[0] = disburseWithDeductions(code, nextMonth[0]++, models);
            } else if (op < 96 && lastBatch[0] != null) {
                bankReturn(m, lastBatch[0]);
            } else if (op >= 96) {
                cancel(m);
            }
            if (step % 6 == 0) {
                models.forEach(model -> assertBalance(code, model));
            }
        }
        models.forEach(model -> assertBalance(code, model));
    }

    private void repay(Model m, long amount) {
        Answer answer = post("inspector", "/api/v1/overpayments/" + m.caseId + "/repayments",
                "{\"amount\":\"%s\",\"receivedOn\":\"2023-12-01\",\"method\":\"FAMILY_REFUND\",\"reference\":\"收据-TEST\"}".formatted(yuan(amount)));
        if (m.cancelled) {
            answer.expectProblem(409, "INVALID_CASE_STATE");
        } else if (amount > m.outstanding()) {
            answer.expectProblem(422, "OVER_RECOVERY");
        } else {
            answer.expect(201);
            m.recovered += amount;
            m.repaymentIds.add(answer.json().get("repaymentId").asText());
            m.manualRepayments.add(new long[]{m.repaymentIds.size() - 1, amount, 0});
        }
    }

    private void writeOff(Model m, long amount, boolean approve) {
        Answer answer = post("finance", "/api/v1/overpayments/" + m.caseId + "/write-offs",
                "{\"amount\":\"%s\",\"reason\":\"无力偿还\"}".formatted(yuan(amount)));
        if (m.cancelled) {
            answer.expectProblem(409, "INVALID_CASE_STATE");
            return;
        }
        if (amount > m.outstanding()) {
            answer.expectProblem(422, "OVER_RECOVERY");
            return;
        }
        String writeOffId = answer.expect(201).json().get("writeOffId").asText();
        post("admin", "/api/v1/overpayments/" + m.caseId + "/write-offs/" + writeOffId + "/approval",
                "{\"decision\":\"%s\",\"comment\":\"审批\"}".formatted(approve ? "APPROVE" : "REJECT")).expect(200);
        if (approve) {
            m.writtenOff += amount;
        }
    }

    private void reverse(Model m, Random random) {
        List<long[]> open = m.manualRepayments.stream().filter(r -> r[2] == 0).toList();
        if (open.isEmpty()) {
            return;
        }
        long[] repayment = open.get(random.nextInt(open.size()));
        Answer answer = post("finance", "/api/v1/overpayments/" + m.caseId + "/repayments/"
                + m.repaymentIds.get((int) repayment[0]) + "/reversal", "{\"reason\":\"到账被撤回\"}");
        if (repayment[1] > m.recovered) {
            answer.expectProblem(409, "INVALID_CASE_STATE");
        } else {
            answer.expect(200);
            repayment[2] = 1;
            m.recovered -= repayment[1];
        }
    }

    private void correct(Model m, int last) {
        if (m.cancelled || last == m.lastSuspendedMonth) {
            return;
        }
        changeFactApproved("inspector", "clerk", m.factId, "correction",
                "{\"from\":\"2023-01-15\",\"to\":\"2023-%02d-10\",\"reason\":\"释放日期更正\"}".formatted(last));
        m.lastSuspendedMonth = last;
        m.amount = (last - 1) * STANDARD;
        long released = Math.max(0, Math.min(m.writtenOff, m.recovered + m.writtenOff - m.amount));
        m.writtenOff -= released;
    }

    private void refund(Model m, long amount) {
        Answer answer = post("finance", "/api/v1/overpayments/" + m.caseId + "/refunds",
                "{\"amount\":\"%s\",\"paidOn\":\"2023-12-02\"}".formatted(yuan(amount)));
        if (amount > m.refundDue()) {
            answer.expectProblem(422, "OVER_REFUND");
        } else {
            answer.expect(201);
            m.recovered -= amount;
        }
    }

    private void arrangeDeduction(Model m) {
        Answer answer = post("inspector", "/api/v1/overpayments/" + m.caseId + "/deduction",
                "{\"recipientAgreed\":true}");
        if (m.cancelled || m.outstanding() == 0) {
            answer.expectProblem(409, "INVALID_CASE_STATE");
        } else {
            answer.expect(200);
            m.deduction = true;
        }
    }

    private String disburseWithDeductions(String code, int month, List<Model> models) {
        long expected = 0;
        java.util.Map<Model, Long> taken = new java.util.HashMap<>();
        for (Model m : models) {
            if (m.deduction && !m.cancelled && m.outstanding() > 0) {
                long deducted = Math.min(CAP, m.outstanding());
                taken.put(m, deducted);
                expected += deducted;
            }
        }
        Answer done = payMonth(code, month, models.stream().map(m -> m.recipientId).toList());
        assertThat(done.json().get("deducted").asText()).isEqualTo(yuan(expected));
        String batch = done.json().get("batchId").asText();
        taken.forEach((m, deducted) -> {
            m.recovered += deducted;
            m.deductions.put(batch, deducted);
        });
        return batch;
    }

    private void bankReturn(Model m, String batch) {
        if (!m.returned.add(batch)) {
            return;
        }
        Answer answer = post("finance", returns(batch),
                "{\"reference\":\"退票通知-01\",\"lines\":[{\"recipientId\":\"" + m.recipientId + "\",\"reason\":\"账户冻结\"}]}");
        Long deducted = m.deductions.get(batch);
        if (deducted != null && deducted > m.recovered) {
            answer.expectProblem(409, "INVALID_CASE_STATE"); // the deduction was refunded already
            m.returned.remove(batch);
            return;
        }
        answer.expect(201);
        if (deducted != null) {
            m.recovered -= deducted;
        }
    }

    private void cancel(Model m) {
        if (m.cancelled) {
            post("inspector", "/api/v1/overpayments/" + m.caseId + "/cancellation", "{\"reason\":\"立案错误\"}")
                    .expectProblem(409, "INVALID_CASE_STATE");
        } else {
            assertThat(cancelApproved("inspector", "finance", m.caseId, "立案错误").json().get("status").asText())
                    .isEqualTo("CANCELLED");
            m.cancelled = true;
            m.writtenOff = 0;
            m.deduction = false;
        }
    }

    private void assertBalance(String code, Model m) {
        String expected = String.join(" ", yuan(m.cancelled ? 0 : m.amount), yuan(m.recovered), yuan(m.writtenOff),
                yuan(m.outstanding()), yuan(m.refundDue()));
        eventually(() -> balanceLine(code, m).equals(expected));
        JsonNode balance = balance(m.recipientId, code);
        long overpaid = fen(balance, "overpaid");
        long recovered = fen(balance, "recovered");
        long writtenOff = fen(balance, "writtenOff");
        long outstanding = fen(balance, "outstanding");
        long refundDue = fen(balance, "refundDue");
        assertThat(outstanding - refundDue).as("outstanding − refund due of %s", m.recipientId)
                .isEqualTo(overpaid - recovered - writtenOff);
        assertThat(outstanding).isNotNegative();
        assertThat(refundDue).isNotNegative();
        assertThat(outstanding == 0 || refundDue == 0).as("never both owed and owing").isTrue();
    }

    private String balanceLine(String code, Model m) {
        JsonNode b = balance(m.recipientId, code);
        return String.join(" ", b.path("overpaid").asText(), b.path("recovered").asText(),
                b.path("writtenOff").asText(), b.path("outstanding").asText(), b.path("refundDue").asText());
    }

    private static long fen(JsonNode balance, String field) {
        return Money.parseYuan(balance.get(field).asText()).fen();
    }

    private static String yuan(long fen) {
        return Money.ofFen(fen).toString();
    }
}
