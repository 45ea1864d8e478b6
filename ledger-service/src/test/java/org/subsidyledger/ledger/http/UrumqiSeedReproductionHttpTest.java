package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.subsidyledger.ledger.demo.UrumqiYear2023;
import org.subsidyledger.ledger.demo.UrumqiYear2023.Retiree;

/**
 * The 乌鲁木齐 1995年以前退休人员生活补贴 2023 evaluation (seed 000_24e8cf7854165bd2, docs/rules.md, seed figures) recorded as
 * events through the API — the program-year of {@link UrumqiYear2023}: plan, funds, 15,333 retirees, twelve reviewed
 * and disbursed batches, 943 deaths learned month by month — and scored with the shipped rubric: the report's table.
 * The demo data records the same year through the same services ({@code DemoDataHttpTest}).
 */
class UrumqiSeedReproductionHttpTest extends HttpTestBase {

    @Test
    void theUrumqi2023ProgramYearRecordedAsEventsScoresAsTheReportDid() {
        String code = newProgram("URUMQI-PRE1995");
        put("admin", "/api/v1/programs/" + code + "/plans/2023", "{\"plannedRecipients\":%d,\"plannedPayouts\":%d,\"budget\":\"%s\"}"
                .formatted(UrumqiYear2023.PLANNED_RECIPIENTS, UrumqiYear2023.PLANNED_PAYOUTS, UrumqiYear2023.BUDGET))
                .expect(200);
        for (UrumqiYear2023.Tranche tranche : UrumqiYear2023.tranches()) {
            post("finance", "/api/v1/programs/" + code + "/funds", "{\"amount\":\"%s\",\"receivedOn\":\"%s\",\"reference\":\"%s\"}"
                    .formatted(tranche.amount(), tranche.receivedOn(), tranche.reference())).expect(201);
        }
        StringBuilder enrolment = new StringBuilder("{\"effectiveFrom\":\"2023-01\",\"recipients\":[");
        List<Retiree> retirees = UrumqiYear2023.retirees();
        for (int i = 0; i < retirees.size(); i++) {
            enrolment.append(i == 0 ? "" : ",").append("{\"id\":\"").append(retirees.get(i).id())
                    .append("\",\"name\":\"").append(retirees.get(i).name()).append("\",\"region\":\"")
                    .append(UrumqiYear2023.DISTRICT).append("\"}");
        }
        post("clerk", "/api/v1/programs/" + code + "/enrolments", enrolment.append("]}").toString()).expect(201);

        for (int month = 1; month <= 12; month++) {
            String[] lines = UrumqiYear2023.paidIn(month).stream()
                    .map(retiree -> line(retiree.id(), UrumqiYear2023.STANDARD)).toArray(String[]::new);
            JsonNode posted = post("clerk", batches(code, UrumqiYear2023.period(month).toString()), lines(lines), null)
                    .expect(201).json();
            assertThat(posted.get("rejected")).isEmpty();
            approveAndDisburse(posted.get("batchId").asText(), UrumqiYear2023.disbursedOn(month).toString());
            int deaths = UrumqiYear2023.diedIn(month).size();
            if (deaths > 0) {
                JsonNode comparison = postFile("inspector", "/api/v1/death-comparisons",
                        UrumqiYear2023.comparisonFile(month),
                        UrumqiYear2023.comparisonCsv(month).getBytes(StandardCharsets.UTF_8), null).expect(201).json();
                assertThat(comparison.get("recorded").asInt()).isEqualTo(deaths);
            }
        }

        post("evaluator", "/api/v1/programs/" + code + "/evaluations/2023",
                "{\"rubric\":\"" + UrumqiYear2023.RUBRIC + "\"}").expect(200);
        enterUrumqiQualitativeScores(code, UrumqiYear2023.REPORT);
        assertUrumqi2023Figures(code, Duration.ofSeconds(30));
    }
}
