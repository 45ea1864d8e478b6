package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Life events end to end (rules 3 and 6, docs/rules.md): each not-due rule, late facts turning payments into overpayments with
 * their months and payments, prevention of later lines, idempotency, retraction and correction, and the recovery
 * ledger that lists them.
 */
class OverpaymentHttpTest extends HttpTestBase {

    @Test
    void aDeathLearnedLateMakesEveryPaymentAfterTheDeathMonthAnOverpaymentAndBlocksLaterLines() {
        String code = newProgram("DTH");
        enrol(code, "2023-01", 1000, 1001);
        for (int month = 1; month <= 3; month++) {
            payMonth(code, month, 1000, 1001);
        }
        Answer death = post("clerk", deaths(1000), "{\"dateOfDeath\":\"2023-01-31\",\"source\":\"公安\"}").expect(201);
        assertThat(death.json().get("alreadyRecorded").asBoolean()).isFalse();
        JsonNode opened = death.json().get("overpayments").get(0);
        assertThat(opened.get("change").asText()).isEqualTo("IDENTIFIED");
        assertThat(opened.get("cause").asText()).isEqualTo("DEATH");
        assertThat(texts(opened.get("months"))).containsExactly("2023-02", "2023-03");   // January, the death month, is due
        assertThat(opened.get("amount").asText()).isEqualTo("240.00");
        String caseId = opened.get("caseId").asText();

        Answer april = post("clerk", batches(code, "2023-04"),
                lines(line(syntheticId(1000), "120.00"), line(syntheticId(1001), "120.00")), null).expect(201);
        assertThat(april.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(april.json().get("rejected").get(0).get("code").asText()).isEqualTo("NOT_DUE");

        // the case and its fact are projected by two processors: wait for both
        eventually(() -> get("inspector", "/api/v1/overpayments/" + caseId).json().path("fact").has("kind"));
        JsonNode detail = get("inspector", "/api/v1/overpayments/" + caseId).json();
        assertThat(detail.get("overpayment").get("status").asText()).isEqualTo("OPEN");
        assertThat(detail.get("overpayment").get("rule").asText()).isEqualTo("DEATH_NEXT_MONTH");
        assertThat(detail.get("ruleDescription").asText()).contains("死亡次月停发", "2023-01-31");
        assertThat(detail.get("months")).hasSize(2);
        for (JsonNode month : detail.get("months")) {
            assertThat(month.get("amount").asText()).isEqualTo("120.00");
            String paymentEvent = month.get("paymentEventId").asText();
            assertThat(jdbc.queryForObject("SELECT payload_type FROM domain_event_entry WHERE event_identifier = ?",
                    String.class, paymentEvent)).endsWith("BatchDisbursed");
        }
        assertThat(detail.get("fact").get("kind").asText()).isEqualTo("DEATH");
        assertThat(detail.get("history").get(0).get("recordedBy").asText()).isEqualTo("clerk");

        eventually(() -> balance(syntheticId(1000), code).path("overpaid").asText().equals("240.00")
                && balance(syntheticId(1000), code).path("dueMonths").asInt() == 1);
        JsonNode balance = balance(syntheticId(1000), code);
        assertThat(balance.get("due").asText()).isEqualTo("120.00");
        assertThat(balance.get("dueMonths").asInt()).isEqualTo(1);
        assertThat(balance.get("paid").asText()).isEqualTo("360.00");
        assertThat(balance.get("outstanding").asText()).isEqualTo("240.00");
    }

    /**
     * Ten recipients paid every month of 2023 by a clerk who posts everyone; deaths are learned 0–4 months late, one
     * while the month's batch waits for approval. Hand computation (standard 120.00):
     * <pre>
     * recipient  died        learned after      overpaid months          amount
     * 1          2023-01-10  January  (lag 0)   —                          0
     * 2          2023-02-03  March    (lag 1)   03                       120
     * 3          2023-03-31  May      (lag 2)   04 05                    240
     * 4          2023-04-01  July     (lag 3)   05 06 07                 360
     * 5          2023-06-15  October  (lag 4)   07 08 09 10              480
     * 6          2023-09-20  December (lag 3)   10 11 12                 360
     * 7          2023-07-05  August; learned while September waits: 08  120, September's line stopped
     * 8–10       alive                          —                          0
     *                                                               total 1,680.00 in 6 cases
     * paid lines: 36 + 1 + 3 + 5 + 7 + 10 + 12 + 8 = 82 → 9,840.00; due months 36+1+2+3+4+6+9+7 = 68 → 8,160.00
     * </pre>
     */
    @Test
    void twelveMonthsWithDeathsLearnedZeroToFourMonthsLateGiveTheHandComputedOverpayments() {
        String code = newProgram("YEAR");
        int base = 2000;
        int[] all = new int[10];
        for (int i = 0; i < 10; i++) {
            all[i] = base + i + 1;
        }
        enrol(code, "2023-01", all);
        // learned after month → recipient, date of death
        Map<Integer, String[]> learnedAfter = Map.of(
                1, new String[]{"1", "2023-01-10"},
                3, new String[]{"2", "2023-02-03"},
                5, new String[]{"3", "2023-03-31"},
                7, new String[]{"4", "2023-04-01"},
                10, new String[]{"5", "2023-06-15"},
                12, new String[]{"6", "2023-09-20"});
        int stoppedLines = 0;
        for (int month = 1; month <= 12; month++) {
            String batch = postMonth(code, month, all);
            if (month == 9) {
                Answer late = post("clerk", deaths(base + 7), "{\"dateOfDeath\":\"2023-07-05\",\"source\":\"卫健\"}")
                        .expect(201);
                stoppedLines += late.json().get("stoppedLines").asInt();
                assertThat(texts(late.json().get("overpayments").get(0).get("months"))).containsExactly("2023-08");
            }
            approveAndDisburse(batch, "2023-%02d-20".formatted(month));
            String[] fact = learnedAfter.get(month);
            if (fact != null) {
                post("clerk", deaths(base + Integer.parseInt(fact[0])),
                        "{\"dateOfDeath\":\"" + fact[1] + "\",\"source\":\"殡葬\"}").expect(201);
            }
        }
        assertThat(stoppedLines).isEqualTo(1);

        eventually(() -> ledger("program=" + code).path("totals").path("cases").asInt() == 6);
        JsonNode ledger = ledger("program=" + code);
        assertThat(ledger.get("totals").get("amount").asText()).isEqualTo("1680.00");
        assertThat(ledger.get("totals").get("outstanding").asText()).isEqualTo("1680.00");
        Map<String, String> byRecipient = new TreeMap<>();
        for (JsonNode item : ledger.get("items")) {
            byRecipient.put(item.get("recipientId").asText(), item.get("amount").asText());
        }
        assertThat(byRecipient).containsExactlyInAnyOrderEntriesOf(Map.of(
                syntheticId(base + 2), "120.00", syntheticId(base + 3), "240.00", syntheticId(base + 4), "360.00",
                syntheticId(base + 5), "480.00", syntheticId(base + 6), "360.00", syntheticId(base + 7), "120.00"));

        long paid = jdbc.queryForObject("""
                SELECT sum(amount_fen) FROM payout_line_index WHERE program_code = ? AND state = 'PAID'""",
                Long.class, code);
        assertThat(paid).isEqualTo(984_000L);
        eventually(() -> {
            long due = 0;
            long overpaid = 0;
            for (int recipient : all) {
                JsonNode balance = balance(syntheticId(recipient), code);
                due += fen(balance.path("due").asText("0"));
                overpaid += fen(balance.path("overpaid").asText("0"));
            }
            return due == 816_000L && overpaid == 168_000L;
        });
    }

    @Test
    void aSuspensionMakesTheMonthsAfterItsStartThroughItsEndNotDueAndAReleaseShortensIt() {
        String code = newProgram("SUS");
        enrol(code, "2023-01", 3000);
        for (int month = 1; month <= 6; month++) {
            payMonth(code, month, 3000);
        }
        Answer open = post("inspector", "/api/v1/recipients/" + syntheticId(3000) + "/suspensions",
                "{\"kind\":\"IMPRISONMENT\",\"from\":\"2023-02-10\",\"source\":\"法院判决\"}").expect(201);
        JsonNode opened = open.json().get("overpayments").get(0);
        assertThat(texts(opened.get("months"))).containsExactly("2023-03", "2023-04", "2023-05", "2023-06");
        String factId = open.json().get("factId").asText();

        Answer release = post("inspector", "/api/v1/recipients/" + syntheticId(3000) + "/suspensions/" + factId
                + "/release", "{\"releasedOn\":\"2023-04-05\",\"source\":\"刑满释放证明\"}").expect(201);
        JsonNode adjusted = release.json().get("overpayments").get(0);
        assertThat(adjusted.get("change").asText()).isEqualTo("ADJUSTED");
        assertThat(texts(adjusted.get("months"))).containsExactly("2023-03", "2023-04");   // resumes in May
        assertThat(adjusted.get("amount").asText()).isEqualTo("240.00");
        post("inspector", "/api/v1/recipients/" + syntheticId(3000) + "/suspensions/" + factId + "/release",
                "{\"releasedOn\":\"2023-05-05\",\"source\":\"x\"}").expectProblem(409, "SUSPENSION_ALREADY_ENDED");

        Answer sameMonth = post("inspector", "/api/v1/recipients/" + syntheticId(3000) + "/suspensions",
                "{\"kind\":\"OTHER\",\"from\":\"2023-06-02\",\"to\":\"2023-06-28\",\"source\":\"短期\"}").expect(201);
        assertThat(sameMonth.json().get("overpayments")).isEmpty();   // month(s)+1 > month(e): nothing not due
        post("inspector", "/api/v1/recipients/" + syntheticId(3000) + "/suspensions",
                "{\"kind\":\"JAIL\",\"from\":\"2023-06-02\",\"source\":\"x\"}")
                .expectProblem(422, "INVALID_SUSPENSION_KIND");
        post("inspector", "/api/v1/recipients/" + syntheticId(3000) + "/suspensions",
                "{\"kind\":\"OTHER\",\"from\":\"2023-06-02\",\"to\":\"2023-05-01\",\"source\":\"x\"}")
                .expectProblem(422, "INVALID_PERIOD");

        eventually(() -> balance(syntheticId(3000), code).path("overpaid").asText().equals("240.00")
                && balance(syntheticId(3000), code).path("dueMonths").asInt() == 4);   // Jan, Feb, May, Jun
    }

    @Test
    void aDuplicateClaimMakesItsMonthsNotDueInItsProgramOnly() {
        String code = newProgram("DUP");
        String other = newProgram("DUPB");
        enrol(code, "2023-01", 3100);
        enrol(other, "2023-01", 3100);
        for (int month = 1; month <= 3; month++) {
            payMonth(code, month, 3100);
            payMonth(other, month, 3100);
        }
        Answer claim = post("inspector", "/api/v1/recipients/" + syntheticId(3100) + "/duplicate-claims",
                "{\"program\":\"" + code + "\",\"otherScheme\":\"职工养老\",\"from\":\"2023-02\",\"to\":\"2023-05\"}")
                .expect(201);
        JsonNode cases = claim.json().get("overpayments");
        assertThat(cases).hasSize(1);
        assertThat(cases.get(0).get("program").asText()).isEqualTo(code);
        assertThat(cases.get(0).get("cause").asText()).isEqualTo("DUPLICATE_CLAIM");
        assertThat(texts(cases.get(0).get("months"))).containsExactly("2023-02", "2023-03");

        Answer april = post("clerk", batches(code, "2023-04"), lines(line(syntheticId(3100), "120.00")), null);
        april.expectProblem(422, "INVALID_ROWS");
        assertThat(april.json().get("errors").get(0).get("code").asText()).isEqualTo("NOT_DUE");
        post("clerk", batches(other, "2023-04"), lines(line(syntheticId(3100), "120.00")), null).expect(201);
        post("clerk", batches(code, "2023-06"), lines(line(syntheticId(3100), "120.00")), null).expect(201);
        post("inspector", "/api/v1/recipients/" + syntheticId(3100) + "/duplicate-claims",
                "{\"program\":\"NOPE\",\"otherScheme\":\"职工养老\",\"from\":\"2023-02\",\"to\":\"2023-05\"}")
                .expectProblem(404, "UNKNOWN_PROGRAM");
    }

    @Test
    void anEndOfEnrolmentMakesTheMonthsAfterTheLastDueMonthOverpaid() {
        String code = newProgram("END");
        enrol(code, "2023-01", 3200);
        for (int month = 1; month <= 4; month++) {
            payMonth(code, month, 3200);
        }
        Answer end = post("clerk", "/api/v1/recipients/" + syntheticId(3200) + "/enrolment-ends",
                "{\"program\":\"" + code + "\",\"lastDueMonth\":\"2023-02\",\"reason\":\"迁出本市\"}").expect(201);
        assertThat(texts(end.json().get("overpayments").get(0).get("months"))).containsExactly("2023-03", "2023-04");
        post("clerk", "/api/v1/recipients/" + syntheticId(3200) + "/enrolment-ends",
                "{\"program\":\"" + code + "\",\"lastDueMonth\":\"2023-02\",\"reason\":\"迁出本市\"}").expect(200);
        post("clerk", "/api/v1/recipients/" + syntheticId(3200) + "/enrolment-ends",
                "{\"program\":\"" + code + "\",\"lastDueMonth\":\"2023-03\",\"reason\":\"迁出本市\"}")
                .expectProblem(409, "ENROLMENT_ALREADY_ENDED");
    }

    @Test
    void recordingTheSameDeathTwiceChangesNothingAndAnotherDateIsAConflict() {
        String code = newProgram("IDEM");
        enrol(code, "2023-01", 3300);
        for (int month = 1; month <= 3; month++) {
            payMonth(code, month, 3300);
        }
        String first = post("clerk", deaths(3300), "{\"dateOfDeath\":\"2023-01-15\",\"source\":\"殡葬\"}")
                .expect(201).json().get("factId").asText();
        long events = eventCount();
        Answer again = post("inspector", deaths(3300), "{\"dateOfDeath\":\"2023-01-15\",\"source\":\"公安\"}")
                .expect(200);
        assertThat(again.json().get("factId").asText()).isEqualTo(first);
        assertThat(again.json().get("alreadyRecorded").asBoolean()).isTrue();
        assertThat(eventCount()).isEqualTo(events);
        post("clerk", deaths(3300), "{\"dateOfDeath\":\"2023-02-15\",\"source\":\"公安\"}")
                .expectProblem(409, "DEATH_ALREADY_RECORDED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM overpayment_case_index WHERE recipient_id = ?",
                Integer.class, syntheticId(3300))).isEqualTo(1);

        String key = "death-3300-" + first;
        post("clerk", deaths(3300), "{\"dateOfDeath\":\"2023-01-15\",\"source\":\"殡葬\"}", key).expect(200);
        post("clerk", deaths(3300), "{\"dateOfDeath\":\"2023-01-16\",\"source\":\"殡葬\"}", key)
                .expectProblem(422, "IDEMPOTENCY_KEY_REUSED");
        post("clerk", "/api/v1/recipients/" + syntheticId(9999) + "/deaths",
                "{\"dateOfDeath\":\"2023-01-15\",\"source\":\"殡葬\"}").expectProblem(404, "UNKNOWN_RECIPIENT");
        post("evaluator", deaths(3300), "{\"dateOfDeath\":\"2023-01-15\",\"source\":\"殡葬\"}").expect(403);
    }

    @Test
    void aDeathAndASuspensionCoveringTheSameMonthsOverpayEachPaymentOnce() {
        String code = newProgram("OVL");
        enrol(code, "2023-01", 3400);
        for (int month = 1; month <= 4; month++) {
            payMonth(code, month, 3400);
        }
        post("inspector", "/api/v1/recipients/" + syntheticId(3400) + "/suspensions",
                "{\"kind\":\"IMPRISONMENT\",\"from\":\"2023-01-05\",\"source\":\"判决\"}").expect(201);
        Answer death = post("clerk", deaths(3400), "{\"dateOfDeath\":\"2023-02-10\",\"source\":\"殡葬\"}")
                .expect(201);
        assertThat(death.json().get("overpayments")).isEmpty();   // Feb–Apr already overpaid by the suspension
        long overpaid = jdbc.queryForObject(
                "SELECT sum(amount_fen) FROM overpaid_payment_index WHERE recipient_id = ?", Long.class,
                syntheticId(3400));
        assertThat(overpaid).isEqualTo(36_000L);

        eventually(() -> get("inspector", "/api/v1/recipients/" + syntheticId(3400) + "/facts").json().size() == 2);
        String suspension = get("inspector", "/api/v1/recipients/" + syntheticId(3400) + "/facts").json()
                .get(0).get("factId").asText();
        Answer retracted = changeFactApproved("inspector", "clerk", suspension, "retraction",
                "{\"reason\":\"判决书为同名他人\"}");
        Map<String, JsonNode> changes = new TreeMap<>();
        for (JsonNode change : retracted.json().get("overpayments")) {
            changes.put(change.get("change").asText(), change);
        }
        assertThat(changes.keySet()).containsExactly("CANCELLED", "IDENTIFIED");
        assertThat(texts(changes.get("IDENTIFIED").get("months"))).containsExactly("2023-03", "2023-04");
        assertThat(changes.get("IDENTIFIED").get("cause").asText()).isEqualTo("DEATH");
    }

    @Test
    void retractingAFactCancelsItsCaseAndTheMonthsAreDueAgain() {
        String code = newProgram("RTR");
        enrol(code, "2023-01", 3500);
        for (int month = 1; month <= 3; month++) {
            payMonth(code, month, 3500);
        }
        Answer death = post("clerk", deaths(3500), "{\"dateOfDeath\":\"2023-01-15\",\"source\":\"比对\"}").expect(201);
        String factId = death.json().get("factId").asText();
        String caseId = death.json().get("overpayments").get(0).get("caseId").asText();
        post("clerk", "/api/v1/facts/" + factId + "/retraction", "{}").expectProblem(422, "MISSING_VALUE");

        Answer retraction = changeFactApproved("clerk", "inspector", factId, "retraction",
                "{\"reason\":\"比对数据有误，本人健在\"}");
        assertThat(retraction.json().get("overpayments").get(0).get("change").asText()).isEqualTo("CANCELLED");
        post("clerk", "/api/v1/facts/" + factId + "/retraction", "{\"reason\":\"again\"}")
                .expectProblem(409, "FACT_RETRACTED");
        post("clerk", batches(code, "2023-04"), lines(line(syntheticId(3500), "120.00")), null).expect(201);

        eventually(() -> "CANCELLED".equals(get("inspector", "/api/v1/overpayments/" + caseId).json()
                .path("overpayment").path("status").asText()));
        JsonNode cancelled = get("inspector", "/api/v1/overpayments/" + caseId).json();
        assertThat(cancelled.get("overpayment").get("outstanding").asText()).isEqualTo("0.00");
        assertThat(cancelled.get("history").get(1).get("detail").asText()).contains("本人健在");
        eventually(() -> balance(syntheticId(3500), code).path("outstanding").asText().equals("0.00")
                && balance(syntheticId(3500), code).path("dueMonths").asInt() == 3);
        JsonNode fact = get("inspector", "/api/v1/facts/" + factId).json();
        assertThat(fact.get("state").asText()).isEqualTo("RETRACTED");
        List<String> changes = new ArrayList<>();
        fact.get("changes").forEach(change -> changes.add(change.get("change").asText() + " "
                + change.get("recordedBy").asText()));
        assertThat(changes).containsExactly("PROPOSED clerk", "APPROVED inspector", "RETRACTED inspector");
    }

    @Test
    void correctingADeathDateAdjustsTheCaseByCompensatingEvents() {
        String code = newProgram("COR");
        enrol(code, "2023-01", 3600);
        for (int month = 1; month <= 6; month++) {
            payMonth(code, month, 3600);
        }
        Answer death = post("clerk", deaths(3600), "{\"dateOfDeath\":\"2023-03-10\",\"source\":\"殡葬\"}").expect(201);
        String factId = death.json().get("factId").asText();
        String caseId = death.json().get("overpayments").get(0).get("caseId").asText();
        assertThat(death.json().get("overpayments").get(0).get("amount").asText()).isEqualTo("360.00");

        JsonNode later = correct(factId, "2023-05-02").get("overpayments").get(0);
        assertThat(later.get("caseId").asText()).isEqualTo(caseId);
        assertThat(later.get("change").asText()).isEqualTo("ADJUSTED");
        assertThat(texts(later.get("months"))).containsExactly("2023-06");
        JsonNode earlier = correct(factId, "2023-01-05").get("overpayments").get(0);
        assertThat(texts(earlier.get("months"))).containsExactly("2023-02", "2023-03", "2023-04", "2023-05",
                "2023-06");
        assertThat(earlier.get("amount").asText()).isEqualTo("600.00");
        post("clerk", "/api/v1/facts/" + factId + "/correction",
                "{\"dateOfDeath\":\"2023-01-05\",\"reason\":\"same\"}").expectProblem(422, "NOTHING_TO_CORRECT");
        JsonNode none = correct(factId, "2023-06-30").get("overpayments").get(0);
        assertThat(none.get("change").asText()).isEqualTo("CANCELLED");

        eventually(() -> get("inspector", "/api/v1/overpayments/" + caseId).json().path("history").size() == 4);
        List<String> history = new ArrayList<>();
        for (JsonNode change : get("inspector", "/api/v1/overpayments/" + caseId).json().get("history")) {
            history.add(change.get("change").asText() + " " + change.get("amount").asText());
        }
        assertThat(history).containsExactly("IDENTIFIED 360.00", "ADJUSTED 120.00", "ADJUSTED 600.00",
                "CANCELLED 0.00");
        eventually(() -> get("inspector", "/api/v1/facts/" + factId).json().path("changes").size() == 9);
        JsonNode fact = get("inspector", "/api/v1/facts/" + factId).json();
        assertThat(fact.get("from").asText()).isEqualTo("2023-06-30");
        List<JsonNode> corrections = new ArrayList<>();
        fact.get("changes").forEach(change -> {
            if (change.get("change").asText().equals("CORRECTED")) {
                corrections.add(change);
            }
        });
        assertThat(corrections).hasSize(3);
        assertThat(corrections.get(0).get("previousFrom").asText()).isEqualTo("2023-03-10");
    }

    @Test
    void aFactStopsPendingLinesAndDisbursementStopsLinesWhoseMonthBecameNotDue() {
        String code = newProgram("STP");
        enrol(code, "2023-01", 3700, 3701, 3702);
        String batch = postMonth(code, 2, 3700, 3701, 3702);
        Answer death = post("clerk", deaths(3700), "{\"dateOfDeath\":\"2023-01-20\",\"source\":\"殡葬\"}").expect(201);
        assertThat(death.json().get("stoppedLines").asInt()).isEqualTo(1);
        assertThat(death.json().get("overpayments")).isEmpty();

        // A fact committed while the batch was being posted: the disbursement catches it.
        String factId = java.util.UUID.randomUUID().toString();
        jdbc.update("""
                INSERT INTO life_fact_index (fact_id, recipient_id, kind, from_date, state)
                VALUES (?, ?, 'DEATH', DATE '2023-01-25', 'ACTIVE')""", factId, syntheticId(3701));
        jdbc.update("""
                INSERT INTO not_due_index (fact_id, recipient_id, program_code, from_month, to_month, cause)
                VALUES (?, ?, NULL, DATE '2023-02-01', NULL, 'DEATH')""", factId, syntheticId(3701));
        Answer disbursed = approveAndDisburse(batch, "2023-02-20");
        assertThat(disbursed.json().get("stoppedLines").asInt()).isEqualTo(1);

        eventually(() -> get("auditor", "/api/v1/batches/" + batch).json().path("batch").path("stopped").asInt() == 2);
        JsonNode view = get("auditor", "/api/v1/batches/" + batch).json().get("batch");
        assertThat(view.get("paid").asInt()).isEqualTo(1);
        assertThat(view.get("paidTotal").asText()).isEqualTo("120.00");
        assertThat(get("auditor", "/api/v1/batches/" + batch + "/lines?state=STOPPED").json().get("total").asInt())
                .isEqualTo(2);
        post("finance", returns(batch), "{\"reference\":\"退票通知-01\",\"lines\":[{\"recipientId\":\"" + syntheticId(3700)
                + "\",\"reason\":\"x\"}]}").expectProblem(422, "INVALID_ROWS");
    }

    @Test
    void aBankReturnOfAnOverpaidPaymentTakesItOutOfTheCase() {
        String code = newProgram("BRT");
        enrol(code, "2023-01", 3800);
        String january = payMonth(code, 1, 3800);
        String february = payMonth(code, 2, 3800);
        String march = payMonth(code, 3, 3800);
        post("clerk", deaths(3800), "{\"dateOfDeath\":\"2023-01-08\",\"source\":\"殡葬\"}").expect(201);
        post("finance", returns(march), "{\"reference\":\"退票通知-01\",\"lines\":[{\"recipientId\":\"" + syntheticId(3800)
                + "\",\"reason\":\"账户已销户\"}]}").expect(201);
        assertThat(jdbc.queryForList("SELECT batch_id FROM overpaid_payment_index WHERE recipient_id = ?",
                String.class, syntheticId(3800))).containsExactly(february);
        post("finance", returns(february), "{\"reference\":\"退票通知-01\",\"lines\":[{\"recipientId\":\"" + syntheticId(3800)
                + "\",\"reason\":\"账户已销户\"}]}").expect(201);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM overpayment_case_index WHERE recipient_id = ? AND NOT cancelled""",
                Integer.class, syntheticId(3800))).isZero();
        assertThat(january).isNotNull();
    }

    @Test
    void theDeathComparisonFileRecordsMatchedRowsAndReportsEveryOtherRow() {
        String code = newProgram("CMP");
        enrol(code, "2023-01", 3900, 3901, 3902, 3903, 3904);
        payMonth(code, 1, 3900, 3901, 3902, 3903, 3904);
        payMonth(code, 2, 3900, 3901, 3902, 3903, 3904);
        post("clerk", deaths(3903), "{\"dateOfDeath\":\"2023-01-05\",\"source\":\"殡葬\"}").expect(201);
        post("clerk", deaths(3904), "{\"dateOfDeath\":\"2023-01-05\",\"source\":\"殡葬\"}").expect(201);
        String csv = "身份证号,姓名,死亡日期,数据来源\n"
                + syntheticId(3900) + ",受益人3900,2023-01-12,殡葬\n"           // 2 recorded
                + syntheticId(3901) + ",受益人3901,2022-12-30,公安\n"           // 3 recorded
                + syntheticId(3902) + ",张三,2023-01-12,殡葬\n"                // 4 name mismatch
                + syntheticId(9998) + ",李四,2023-01-12,殡葬\n"                // 5 unmatched
                + "530102192005080119,王五,2023-01-12,殡葬\n"                  // 6 invalid ID
                + syntheticId(3902) + ",受益人3902,2023-13-01,殡葬\n"          // 7 invalid date
                + syntheticId(3900) + ",受益人3900,2023-01-12,殡葬\n"          // 8 duplicate in file
                + syntheticId(3903) + ",受益人3903,2023-01-05,殡葬\n"          // 9 already known
                + syntheticId(3904) + ",受益人3904,2023-01-06,殡葬\n";         // 10 another date
        byte[] file = csv.getBytes(java.nio.charset.Charset.forName("GB18030"));
        Answer report = postFile("inspector", "/api/v1/death-comparisons", "死亡比对2023-03.csv", file, null)
                .expect(201);
        JsonNode body = report.json();
        assertThat(body.get("rows").asInt()).isEqualTo(9);
        assertThat(body.get("recorded").asInt()).isEqualTo(2);
        assertThat(body.get("alreadyRecorded").asInt()).isEqualTo(1);
        assertThat(body.get("notRecorded").asInt()).isEqualTo(6);
        assertThat(body.get("overpaymentsIdentified").asInt()).isEqualTo(2);
        assertThat(body.get("overpaidIdentified").asText()).isEqualTo("360.00");   // Feb for one, Jan+Feb for other
        Map<Integer, String> codes = new TreeMap<>();
        for (JsonNode row : body.get("rejected")) {
            codes.put(row.get("line").asInt(), row.get("code").asText());
        }
        assertThat(codes).containsExactlyEntriesOf(new TreeMap<>(Map.of(4, "NAME_MISMATCH", 5, "UNMATCHED",
                6, "INVALID_RECIPIENT_ID", 7, "INVALID_DATE", 8, "DUPLICATE_IN_FILE", 10, "DEATH_ALREADY_RECORDED")));
        assertThat(body.get("alreadyKnown").get(0).get("line").asInt()).isEqualTo(9);

        String comparisonId = body.get("comparisonId").asText();
        Answer replay = postFile("inspector", "/api/v1/death-comparisons", "死亡比对2023-03.csv", file, null)
                .expect(201);
        assertThat(replay.json().get("comparisonId").asText()).isEqualTo(comparisonId);
        eventually(() -> get("inspector", "/api/v1/death-comparisons/" + comparisonId).status() == 200);
        JsonNode stored = get("inspector", "/api/v1/death-comparisons/" + comparisonId).json();
        assertThat(stored.get("rejected").get("total").asInt()).isEqualTo(6);
        assertThat(stored.get("rejected").get("items").get(1).get("name").asText()).isEqualTo("李四");
        eventually(() -> get("inspector", "/api/v1/recipients/" + syntheticId(3901) + "/facts").json().size() == 1);
        JsonNode fact = get("inspector", "/api/v1/recipients/" + syntheticId(3901) + "/facts").json().get(0);
        assertThat(fact.get("comparisonId").asText()).isEqualTo(comparisonId);
        assertThat(fact.get("comparisonLine").asInt()).isEqualTo(3);
        assertThat(fact.get("source").asText()).isEqualTo("公安");
    }

    @Test
    void theRecoveryLedgerFiltersByProgramCauseStatusAndRegionAndSortsByAmount() {
        String code = newProgram("LED");
        enrol(code, "2023-01", 4000, 4001);
        for (int month = 1; month <= 4; month++) {
            payMonth(code, month, 4000, 4001);
        }
        post("clerk", deaths(4000), "{\"dateOfDeath\":\"2023-03-03\",\"source\":\"殡葬\"}").expect(201);
        post("inspector", "/api/v1/recipients/" + syntheticId(4001) + "/suspensions",
                "{\"kind\":\"IMPRISONMENT\",\"from\":\"2023-01-03\",\"source\":\"判决\"}").expect(201);
        eventually(() -> ledger("program=" + code).path("total").asInt() == 2);

        JsonNode byAmount = ledger("program=" + code + "&sort=amount&order=desc");
        assertThat(byAmount.get("items").get(0).get("amount").asText()).isEqualTo("360.00");
        assertThat(byAmount.get("items").get(1).get("amount").asText()).isEqualTo("120.00");
        assertThat(byAmount.get("items").get(0).get("region").asText()).isEqualTo("650102");
        assertThat(ledger("program=" + code + "&cause=DEATH").get("total").asInt()).isEqualTo(1);
        assertThat(ledger("program=" + code + "&cause=SUSPENSION&status=OPEN").get("total").asInt()).isEqualTo(1);
        assertThat(ledger("program=" + code + "&status=CANCELLED").get("total").asInt()).isZero();
        assertThat(ledger("program=" + code + "&region=650100").get("total").asInt()).isEqualTo(2);
        assertThat(ledger("program=" + code + "&region=650200").get("total").asInt()).isZero();
        assertThat(ledger("program=" + code + "&page=1&size=1").get("items")).hasSize(1);
        JsonNode byCause = get("inspector", "/api/v1/overpayments/summary?by=cause&program=" + code).expect(200).json();
        assertThat(byCause.toString()).contains("{\"key\":\"DEATH\",\"cases\":1,\"amount\":\"120.00\"")
                .contains("{\"key\":\"SUSPENSION\",\"cases\":1,\"amount\":\"360.00\"");
        JsonNode aging = get("inspector", "/api/v1/overpayments/summary?by=aging&program=" + code).json();
        assertThat(aging).hasSize(1);
        assertThat(aging.get(0).get("key").asText()).isEqualTo("0-3");   // identified today
        assertThat(aging.get(0).get("outstanding").asText()).isEqualTo("480.00");
        JsonNode byRegion = get("inspector", "/api/v1/overpayments/summary?by=region&program=" + code).json();
        assertThat(byRegion.get(0).get("key").asText()).isEqualTo("650102");
        get("inspector", "/api/v1/overpayments/summary?by=colour").expectProblem(400, "INVALID_QUERY");

        Answer csv = get("inspector", "/api/v1/overpayments/export?format=csv&program=" + code).expect(200);
        assertThat(csv.raw().headers().firstValue("Content-Disposition").orElse("")).contains(".csv");
        String[] rows = csv.text().replace("\uFEFF", "").split("\r\n");
        assertThat(rows).hasSize(3);
        assertThat(rows[0]).startsWith("案件编号,身份证号,姓名,行政区划,项目,原因");
        assertThat(rows[1] + rows[2]).contains(syntheticId(4000), "DEATH", "SUSPENSION", "360.00", "2023-02 2023-03 2023-04");
        String masked = get("auditor", "/api/v1/overpayments/export?format=csv&program=" + code).expect(200).text();
        assertThat(masked).as("an auditor sees ID numbers masked (SPEC §8)").doesNotContain(syntheticId(4000))
                .contains(syntheticId(4000).substring(0, 6) + "********" + syntheticId(4000).substring(14));
        java.net.http.HttpResponse<byte[]> xlsx = getBytes("auditor", "/api/v1/overpayments/export?format=xlsx&program=" + code);
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.body()))) {
            var sheet = workbook.getSheet("追回台账");
            assertThat(sheet.getRow(0).getCell(8).getStringCellValue()).isEqualTo("多发金额");
            assertThat(sheet.getLastRowNum()).isEqualTo(2);
            // for people: amounts are numbers that sum, causes, rules and statuses in Chinese (the CSV keeps codes)
            double overpaid = 0;
            java.util.Set<String> causes = new java.util.TreeSet<>();
            for (int r = 1; r <= 2; r++) {
                var row = sheet.getRow(r);
                overpaid += row.getCell(8).getNumericCellValue();
                assertThat(row.getCell(8).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
                assertThat(row.getCell(11).getNumericCellValue()).as("未追回").isEqualTo(row.getCell(8)
                        .getNumericCellValue());
                assertThat(row.getCell(13).getStringCellValue()).as("状态").isEqualTo("待追回");
                assertThat(row.getCell(15).getNumericCellValue()).as("账龄(天)").isZero();
                causes.add(row.getCell(5).getStringCellValue() + "/" + row.getCell(6).getStringCellValue());
            }
            assertThat(overpaid).isEqualTo(480.0);
            assertThat(causes).containsExactly("停发（服刑等）/停发期间不发", "死亡/死亡次月停发");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        get("auditor", "/api/v1/overpayments/export?format=pdf").expectProblem(400, "INVALID_QUERY");
        get("inspector", "/api/v1/overpayments?status=GONE").expectProblem(400, "INVALID_QUERY");
        get("inspector", "/api/v1/overpayments?sort=name").expectProblem(400, "INVALID_QUERY");
        get("inspector", "/api/v1/overpayments/nope").expectProblem(404, "UNKNOWN_OVERPAYMENT");
    }


    private JsonNode correct(String factId, String date) {
        return changeFactApproved("clerk", "inspector", factId, "correction",
                "{\"dateOfDeath\":\"" + date + "\",\"reason\":\"死亡证明日期有误\"}").json();
    }

    private JsonNode ledger(String query) {
        return get("inspector", "/api/v1/overpayments?" + query).expect(200).json();
    }

    /** Posts the month's batch of 2023 for these recipients at the standard; its id. */
    private String postMonth(String code, int month, int... recipients) {
        List<String> lines = new ArrayList<>();
        for (int recipient : recipients) {
            lines.add(line(syntheticId(recipient), "120.00"));
        }
        return post("clerk", batches(code, "2023-%02d".formatted(month)), lines(lines.toArray(String[]::new)), null)
                .expect(201).json().get("batchId").asText();
    }

    private String payMonth(String code, int month, int... recipients) {
        String batch = postMonth(code, month, recipients);
        approveAndDisburse(batch, "2023-%02d-20".formatted(month));
        return batch;
    }

    private static String deaths(int recipient) {
        return "/api/v1/recipients/" + syntheticId(recipient) + "/deaths";
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static long fen(String yuan) {
        return new java.math.BigDecimal(yuan).movePointRight(2).longValueExact();
    }
}
