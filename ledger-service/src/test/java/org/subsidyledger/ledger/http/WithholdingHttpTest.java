package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rule 10 end to end: 失联 withholds (months stay due, lines refused WITHHELD, nothing paid for them is overpaid, the
 * release makes the unpaid months arrears), a death recorded during a withholding leaves nothing owed after the death
 * month, and 服刑 stays not due (no arrears). Every amount hand-computed at 120.00 a month.
 */
class WithholdingHttpTest extends HttpTestBase {

    private String suspend(String id, String kind, String from) {
        return post("inspector", "/api/v1/recipients/" + id + "/suspensions",
                "{\"kind\":\"" + kind + "\",\"from\":\"" + from + "\",\"source\":\"核查\"}").expect(201)
                .json().get("factId").asText();
    }

    private void release(String id, String factId, String on) {
        post("inspector", "/api/v1/recipients/" + id + "/suspensions/" + factId + "/release",
                "{\"releasedOn\":\"" + on + "\",\"source\":\"已核实\"}").expect(201);
    }

    @Test
    void aWithholdingKeepsMonthsDueAndItsReleaseMakesTheUnpaidOnesArrears() {
        String code = newProgram("WITHHOLD");
        enrol(code, "2023-01", 7101, 7102, 7103);
        String lost = syntheticId(7101);
        String dies = syntheticId(7102);
        String jailed = syntheticId(7103);
        List<String> all = List.of(lost, dies, jailed);
        for (int month = 1; month <= 3; month++) {
            payMonth(code, month, all);
        }
        // 失联 from 2023-02-10, learned after March was paid: March is withheld but due, so its payment is no overpayment.
        String lostFact = suspend(lost, "LOST_CONTACT", "2023-02-10");
        String jailedFact = suspend(jailed, "IMPRISONMENT", "2023-03-10");
        eventually(() -> get("inspector", "/api/v1/overpayments?program=" + code).json().path("total").asInt() == 0
                && get("inspector", "/api/v1/recipients/" + jailed).status() == 200);
        Answer april = post("clerk", batches(code, "2023-04"), lines(line(lost, "120.00"), line(dies, "120.00"),
                line(jailed, "120.00")), null).expect(201);
        JsonNode rejected = april.json().get("rejected");
        assertThat(rejected).hasSize(2);
        assertThat(rejected.get(0).get("code").asText()).as("失联 withholds").isEqualTo("WITHHELD");
        assertThat(rejected.get(1).get("code").asText()).as("服刑 is not due").isEqualTo("NOT_DUE");
        approveAndDisburse(april.json().get("batchId").asText(), "2023-04-20");

        // 失联 for the second from 2023-04-05: the May line already posted is stopped, never paid.
        String may = post("clerk", batches(code, "2023-05"), lines(line(dies, "120.00")), null).expect(201).json()
                .get("batchId").asText();
        Answer diesSuspended = post("inspector", "/api/v1/recipients/" + dies + "/suspensions",
                "{\"kind\":\"LOST_CONTACT\",\"from\":\"2023-04-05\",\"source\":\"核查\"}").expect(201);
        assertThat(diesSuspended.json().get("stoppedLines").asInt()).isEqualTo(1);
        String diesFact = diesSuspended.json().get("factId").asText();
        post("clerk", "/api/v1/batches/" + may + "/withdrawal", "{\"reason\":\"无有效明细\"}");
        // The 服刑 release makes no arrears: its months were not due.
        release(jailed, jailedFact, "2023-05-31");
        // Then a death on 2023-05-20 during the withholding: nothing is owed after May.
        post("clerk", "/api/v1/recipients/" + dies + "/deaths", "{\"dateOfDeath\":\"2023-05-20\",\"source\":\"殡葬\"}")
                .expect(201);
        release(dies, diesFact, "2023-07-02");
        // The first is found on 2023-06-15: April, May and June (withheld, never paid) are owed; March was paid.
        release(lost, lostFact, "2023-06-15");

        eventually(() -> get("inspector", "/api/v1/arrears?program=" + code).json().path("total").asInt() == 4);
        JsonNode lostArrears = get("inspector", "/api/v1/arrears?program=" + code + "&recipient=" + lost).json();
        assertThat(lostArrears.get("items")).extracting(a -> a.get("month").asText())
                .containsExactly("2023-04", "2023-05", "2023-06");
        assertThat(lostArrears.get("totals").get("open").asText()).isEqualTo("360.00");
        assertThat(lostArrears.get("items").get(0).get("cause").asText()).isEqualTo("WITHHOLDING_RELEASED");
        assertThat(lostArrears.get("items").get(0).get("causeRef").asText()).isEqualTo(lostFact);
        JsonNode diesArrears = get("inspector", "/api/v1/arrears?program=" + code + "&recipient=" + dies).json();
        assertThat(diesArrears.get("items")).extracting(a -> a.get("month").asText()).containsExactly("2023-05");
        assertThat(get("inspector", "/api/v1/arrears?program=" + code + "&recipient=" + jailed).json().get("total")
                .asInt()).isZero();
        assertThat(get("inspector", "/api/v1/overpayments?program=" + code).json().get("total").asInt())
                .as("no withheld month's payment is an overpayment").isZero();

        // A monthly line for a withheld month stays refused; the 补发 line pays it.
        Answer june = post("clerk", batches(code, "2023-07"), lines(
                "{\"recipientId\":\"" + lost + "\",\"name\":\"受益人\",\"amount\":\"120.00\",\"settlesMonth\":\"2023-06\"}"),
                null).expect(201);
        assertThat(june.json().get("accepted").asInt()).isEqualTo(1);
        Answer juneAgain = post("clerk", batches(code, "2023-06"), lines(line(lost, "120.00")), null);
        assertThat(juneAgain.text()).contains("WITHHELD");
        assertThat(balance(lost, code).get("arrearsDue").asText()).isEqualTo("360.00");
    }

    /**
     * Rule 11 with rule 10: a program certifying every 6 months; a recipient enrolled in January 2026 who has not
     * certified is withheld from August (the 1st of August is past 2026-07-01, six months after the enrolment); the
     * certification of 2026-09-10 ends it, and the months it releases through this month (August to December) become
     * arrears — a monthly line for one of them is refused, a 补发 line pays it.
     */
    @Test
    void anOverdueCertificationWithholdsAndTheCertificationMakesTheArrears() {
        String code = ("CERT-" + java.util.UUID.randomUUID().toString().substring(0, 8)).toUpperCase();
        post("admin", "/api/v1/programs", """
                {"code":"%s","name":"城乡居民基础养老金","region":"650100","monthlyStandard":"120.00","deadlineDay":25,
                 "reviewLevels":3,"certificationMonths":6}""".formatted(code)).expect(201);
        enrol(code, "2026-01", 7201);
        String late = syntheticId(7201);
        Answer july = post("clerk", batches(code, "2026-07"), lines(line(late, "120.00")), null).expect(201);
        assertThat(july.json().get("accepted").asInt()).as("2026-07-01 is not past 2026-07-01").isEqualTo(1);
        Answer august = post("clerk", batches(code, "2026-08"), lines(line(late, "120.00")), null);
        assertThat(august.json().get("errors").get(0).get("code").asText()).isEqualTo("WITHHELD");
        assertThat(august.json().get("errors").get(0).get("message").asText()).contains("since 2026-08");

        post("clerk", "/api/v1/recipients/" + late + "/certifications",
                "{\"certifiedOn\":\"2026-09-10\",\"method\":\"COMMUNITY\"}").expect(201);
        eventually(() -> get("inspector", "/api/v1/arrears?program=" + code).json().path("total").asInt() == 5);
        JsonNode arrears = get("inspector", "/api/v1/arrears?program=" + code).json();
        assertThat(arrears.get("items")).extracting(a -> a.get("month").asText())
                .containsExactly("2026-08", "2026-09", "2026-10", "2026-11", "2026-12");
        assertThat(arrears.get("totals").get("open").asText()).isEqualTo("600.00");
        assertThat(arrears.get("items").get(0).get("cause").asText()).isEqualTo("WITHHOLDING_RELEASED");
        Answer december = post("clerk", batches(code, "2026-12"), lines(line(late, "120.00")), null);
        assertThat(december.text()).contains("ARREAR_OPEN");
        Answer buFa = post("clerk", batches(code, "2026-12"), lines("{\"recipientId\":\"" + late
                + "\",\"name\":\"受益人\",\"amount\":\"120.00\",\"settlesMonth\":\"2026-08\"}"), null).expect(201);
        assertThat(buFa.json().get("accepted").asInt()).isEqualTo(1);
    }
}
