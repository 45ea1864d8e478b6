package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Rule 9 end to end: a program with 如皋's age supplements (215 元, +5 from the month after the 65th birthday, +10 from
 * the month after the 75th), batches marked against what is due, a retroactive 调标 making arrears of the months
 * already paid, 补发 lines settling them (a bank return reopening one), and a retroactive decrease taking back open
 * arrears and overpaying the rest — every figure computed by hand in the comments.
 */
class StandardChangeHttpTest extends HttpTestBase {

    /** Turns 65 on 1958-03-15: +5 from 2023-04. */
    private static final String TURNS_65 = validId("32068219580315001");
    /** Turns 75 on 1948-06-30: +5 until 2023-06, +10 from 2023-07. */
    private static final String TURNS_75 = validId("32068219480630002");
    /** Born 1962: no supplement in 2023. */
    private static final String YOUNGER = validId("32068219620101003");

    private String rugaoProgram() {
        String code = ("RUGAO-" + UUID.randomUUID().toString().substring(0, 8)).toUpperCase();
        post("admin", "/api/v1/programs", """
                {"code":"%s","name":"城乡居民基础养老金","region":"320682","monthlyStandard":"215.00","deadlineDay":25,
                 "reviewLevels":3,"ageSupplements":[{"fromAge":65,"amount":"5.00"},{"fromAge":75,"amount":"10.00"}]}
                """.formatted(code)).expect(201);
        post("clerk", "/api/v1/programs/" + code + "/enrolments", """
                {"effectiveFrom":"2023-01","recipients":[
                 {"id":"%s","name":"甲","region":"320682101"},{"id":"%s","name":"乙","region":"320682101"},
                 {"id":"%s","name":"丙","region":"320682102"}]}""".formatted(TURNS_65, TURNS_75, YOUNGER)).expect(201);
        return code;
    }

    private String pay(String code, String period, String... lines) {
        Answer posted = post("clerk", batches(code, period), lines(lines), null).expect(201);
        String batch = posted.json().get("batchId").asText();
        approveAndDisburse(batch, period + "-20");
        return batch;
    }

    private static String settling(String id, String amount, String month) {
        return "{\"recipientId\":\"" + id + "\",\"name\":\"受益人\",\"amount\":\"" + amount + "\",\"settlesMonth\":\""
                + month + "\"}";
    }

    @Test
    void linesAreMarkedAgainstTheStandardWithTheAgeSupplementReached() {
        String code = rugaoProgram();
        // March: nobody has a supplement yet except the one aged 74 (+5). April: the 65-year-old gets +5 too.
        Answer march = post("clerk", batches(code, "2023-03"), lines(line(TURNS_65, "215.00"),
                line(TURNS_75, "215.00"), line(YOUNGER, "215.00")), null).expect(201);
        assertThat(march.json().get("short").asInt()).as("the 74-year-old is due 220.00").isEqualTo(1);
        Answer april = post("clerk", batches(code, "2023-04"), lines(line(TURNS_65, "220.00"),
                line(TURNS_75, "220.00"), line(YOUNGER, "220.00")), null).expect(201);
        assertThat(april.json().get("short").asInt()).isZero();
        assertThat(april.json().get("over").asInt()).as("the 60-year-old is due 215.00").isEqualTo(1);
        Answer july = post("clerk", batches(code, "2023-07"), lines(line(TURNS_75, "220.00")), null).expect(201);
        assertThat(july.json().get("short").asInt()).as("75 reached in June: 225.00 from July").isEqualTo(1);
    }

    @Test
    void aRetroactiveIncreaseMakesArrearsThatABuFaBatchSettlesAndABankReturnReopens() {
        String code = rugaoProgram();
        for (String period : List.of("2023-04", "2023-05", "2023-06")) {
            // What is due before the change: 220, 220, 215 (the 74-year-old 220 until June).
            pay(code, period, line(TURNS_65, "220.00"), line(TURNS_75, "220.00"), line(YOUNGER, "215.00"));
        }
        // Decided in September: 220.00 from May. Arrears: May and June, 5.00 for each of three = 30.00.
        Answer change = recordedOn("2023-09-05", () -> post("finance", "/api/v1/programs/" + code + "/standards",
                "{\"from\":\"2023-05\",\"monthlyStandard\":\"220.00\",\"reason\":\"如政发〔2023〕12号\"}").expect(201));
        assertThat(change.json().get("arrearMonths").asLong()).isEqualTo(6);
        assertThat(change.json().get("arrears").asText()).isEqualTo("30.00");
        assertThat(change.json().get("overpaymentCases").asInt()).isZero();
        eventually(() -> get("inspector", "/api/v1/arrears?program=" + code).json().path("total").asInt() == 6);
        JsonNode arrears = get("inspector", "/api/v1/arrears?program=" + code).json();
        assertThat(arrears.get("totals").get("owed").asText()).isEqualTo("30.00");
        assertThat(arrears.get("totals").get("open").asText()).isEqualTo("30.00");
        assertThat(arrears.get("totals").get("openRecipients").asInt()).isEqualTo(3);
        JsonNode first = arrears.get("items").get(0);
        assertThat(first.get("month").asText()).isEqualTo("2023-05");
        assertThat(first.get("due").asText()).isIn("225.00", "220.00");
        assertThat(first.get("difference").asText()).isEqualTo("5.00");
        assertThat(first.get("cause").asText()).isEqualTo("STANDARD_CHANGE");
        assertThat(first.get("causeRef").asText()).isEqualTo(change.json().get("changeId").asText());
        assertThat(get("inspector", "/api/v1/arrears?program=" + code + "&region=320682102").json().get("total")
                .asInt()).as("the younger one's district").isEqualTo(2);
        JsonNode paged = get("inspector", "/api/v1/arrears?program=" + code + "&totals=false&size=2&page=1").json();
        assertThat(paged.get("totals").isNull()).as("totals left out").isTrue();
        assertThat(paged.get("total").asInt()).as("still counted").isEqualTo(6);
        assertThat(paged.get("items")).extracting(item -> item.get("recipientId").asText() + " "
                        + item.get("month").asText())
                .as("the second page in the list's order, recipient then month")
                .containsExactlyElementsOf(java.util.stream.StreamSupport.stream(arrears.get("items").spliterator(),
                                false).skip(2).limit(2)
                        .map(item -> item.get("recipientId").asText() + " " + item.get("month").asText()).toList());
        assertThat(get("evaluator", "/api/v1/arrears?program=" + code).json().get("items").get(0).get("recipientId")
                .asText()).contains("********");
        assertThat(get("inspector", "/api/v1/arrears?program=" + code + "&asOf=2023-09-01T00:00:00Z").json()
                .get("total").asInt()).as("before the change was recorded").isZero();
        assertThat(balance(TURNS_65, code).get("arrearsDue").asText()).isEqualTo("10.00");
        // What is due now, from the enrolment in January through June: 215 × 3 + 220 (April, +5) + 225 × 2 (May and
        // June: 220 + 5) = 1,315.00.
        assertThat(balance(TURNS_65, code).get("due").asText()).isEqualTo("1315.00");

        // October's line is due 225.00 for the 65-year-old (220 + 5).
        Answer october = post("clerk", batches(code, "2023-10"), lines(line(TURNS_65, "220.00")), null).expect(201);
        assertThat(october.json().get("short").asInt()).isEqualTo(1);

        // The 补发 batch for May: 5.00 each. A second 补发 for May finds nothing open.
        Answer buFa = post("clerk", batches(code, "2023-10"), lines(settling(TURNS_75, "5.00", "2023-05"),
                settling(YOUNGER, "5.00", "2023-05")), null).expect(201);
        assertThat(buFa.json().get("accepted").asInt()).isEqualTo(2);
        assertThat(buFa.json().get("short").asInt() + buFa.json().get("over").asInt()).isZero();
        String buFaBatch = buFa.json().get("batchId").asText();
        approveAndDisburse(buFaBatch, "2023-10-20");
        eventually(() -> get("inspector", "/api/v1/arrears?program=" + code + "&status=SETTLED").json()
                .path("total").asInt() == 2);
        assertThat(get("inspector", "/api/v1/arrears?program=" + code + "&status=OPEN").json().get("totals")
                .get("open").asText()).isEqualTo("20.00");
        assertThat(balance(YOUNGER, code).get("arrearsDue").asText()).isEqualTo("5.00");
        String csv = get("inspector", "/api/v1/arrears/export?program=" + code).text();
        assertThat(csv).contains("待补发").contains(YOUNGER).contains("SETTLED");
        Answer again = post("clerk", batches(code, "2023-11"), lines(settling(YOUNGER, "5.00", "2023-05"),
                settling(TURNS_65, "6.00", "2023-05")), null).expect(201);
        assertThat(again.json().get("rejected").get(0).get("code").asText()).isEqualTo("NO_ARREAR");
        assertThat(again.json().get("over").asInt()).as("6.00 against 5.00 open").isEqualTo(1);
        post("clerk", "/api/v1/batches/" + again.json().get("batchId").asText() + "/withdrawal",
                "{\"reason\":\"重做\"}");

        // The bank returns one 补发 line: its arrear is open again and can be paid.
        post("finance", "/api/v1/batches/" + buFaBatch + "/returns",
                "{\"reference\":\"BR-2023-118\",\"lines\":[{\"recipientId\":\"" + YOUNGER + "\",\"reason\":\"账户冻结\"}]}").expect(201);
        post("clerk", batches(code, "2023-12"), lines(settling(YOUNGER, "5.00", "2023-05")), null).expect(201);
        // Months before the change's month are untouched: nothing open for April.
        Answer april = post("clerk", batches(code, "2023-12"), lines(settling(TURNS_75, "5.00", "2023-04")), null);
        assertThat(april.status()).isEqualTo(422);
        assertThat(april.text()).contains("NO_ARREAR");
    }

    @Test
    void aRetroactiveIncreaseOwesNothingForAMonthADeathMadeNotDue() {
        String code = rugaoProgram();
        String dies = validId("32068219700101004"); // 53: no supplement; dies in this test only
        post("clerk", "/api/v1/programs/" + code + "/enrolments", """
                {"effectiveFrom":"2023-01","recipients":[{"id":"%s","name":"丁","region":"320682101"}]}"""
                .formatted(dies)).expect(201);
        pay(code, "2023-05", line(YOUNGER, "215.00"), line(dies, "215.00"));
        pay(code, "2023-06", line(YOUNGER, "215.00"), line(dies, "215.00"));
        // 丁 died on 10 May: June is not due, its 215.00 an overpayment already.
        post("inspector", "/api/v1/recipients/" + dies + "/deaths",
                "{\"dateOfDeath\":\"2023-05-10\",\"source\":\"殡葬\"}").expect(201);
        Answer change = post("finance", "/api/v1/programs/" + code + "/standards",
                "{\"from\":\"2023-05\",\"monthlyStandard\":\"220.00\",\"reason\":\"调标\"}").expect(201);
        // 丙 May and June, 丁 May only: three months of 5.00.
        assertThat(change.json().get("arrearMonths").asInt()).isEqualTo(3);
        assertThat(change.json().get("arrears").asText()).isEqualTo("15.00");
        eventually(() -> get("inspector", "/api/v1/arrears?program=" + code + "&recipient=" + dies).json()
                .path("total").asInt() == 1);
        assertThat(get("inspector", "/api/v1/arrears?program=" + code + "&recipient=" + dies).json().get("items")
                .get(0).get("month").asText()).isEqualTo("2023-05");
    }

    @Test
    void aRetroactiveDecreaseTakesBackOpenArrearsAndOverpaysTheRest() {
        String code = rugaoProgram();
        String may = pay(code, "2023-05", line(YOUNGER, "215.00"));
        recordedOn("2023-06-05", () -> post("admin", "/api/v1/programs/" + code + "/standards",
                "{\"from\":\"2023-05\",\"monthlyStandard\":\"220.00\",\"reason\":\"调标\"}").expect(201));
        // Then corrected down to 210.00 from May: the open 5.00 is taken back, and 5.00 of the 215.00 paid is overpaid.
        Answer down = recordedOn("2023-07-05", () -> post("admin", "/api/v1/programs/" + code + "/standards",
                "{\"from\":\"2023-05\",\"monthlyStandard\":\"210.00\",\"reason\":\"更正\"}").expect(201));
        assertThat(down.json().get("arrearsTakenBack").asText()).isEqualTo("5.00");
        assertThat(down.json().get("overpaymentCases").asInt()).isEqualTo(1);
        assertThat(down.json().get("overpaid").asText()).isEqualTo("5.00");
        eventually(() -> get("inspector", "/api/v1/overpayments?program=" + code).json().path("total").asInt() == 1);
        JsonNode item = get("inspector", "/api/v1/overpayments?program=" + code).json().get("items").get(0);
        assertThat(item.get("cause").asText()).isEqualTo("STANDARD_CHANGE");
        assertThat(item.get("amount").asText()).isEqualTo("5.00");
        assertThat(item.get("months").toString()).contains("2023-05");
        // A death recorded later still overpays what was paid after it in full; the decrease's case is left alone.
        String later = pay(code, "2023-06", line(YOUNGER, "210.00"));
        post("clerk", "/api/v1/recipients/" + YOUNGER + "/deaths",
                "{\"dateOfDeath\":\"2023-05-10\",\"source\":\"殡葬\"}").expect(201);
        eventually(() -> get("inspector", "/api/v1/overpayments?program=" + code).json().path("total").asInt() == 2);
        assertThat(get("inspector", "/api/v1/overpayments?program=" + code + "&cause=DEATH").json().get("items")
                .get(0).get("amount").asText()).isEqualTo("210.00");
        assertThat(may).isNotEqualTo(later);
    }

    @Test
    void anIndividualStandardBelowTheProgramsIsKeptThroughTheProgramsChanges() {
        String code = rugaoProgram();
        pay(code, "2023-05", line(YOUNGER, "215.00"));
        Answer own = post("clerk", "/api/v1/recipients/" + YOUNGER + "/standards",
                "{\"program\":\"" + code + "\",\"from\":\"2023-05\",\"monthlyStandard\":\"200.00\",\"reason\":\"核定\"}")
                .expect(201);
        assertThat(own.json().get("overpaid").asText()).isEqualTo("15.00");
        Answer raise = post("admin", "/api/v1/programs/" + code + "/standards",
                "{\"from\":\"2023-05\",\"monthlyStandard\":\"230.00\",\"reason\":\"调标\"}").expect(201);
        assertThat(raise.json().get("arrearMonths").asLong()).as("the individual standard applies").isZero();
        Answer above = post("clerk", "/api/v1/recipients/" + YOUNGER + "/standards",
                "{\"program\":\"" + code + "\",\"from\":\"2023-06\",\"monthlyStandard\":\"240.00\",\"reason\":\"x\"}");
        assertThat(above.status()).isEqualTo(422);
        assertThat(above.text()).contains("STANDARD_ABOVE_PROGRAM");
    }
}
