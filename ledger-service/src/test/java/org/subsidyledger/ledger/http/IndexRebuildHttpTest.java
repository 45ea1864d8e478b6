package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.subsidyledger.ledger.operations.IndexRebuild;

/**
 * The write side's indexes rebuilt from the events equal the ones the commands wrote. It runs in a database of its
 * own (a separate application context), so that the whole of every index table is compared, and rows other tests
 * plant directly in an index (to simulate races) cannot stand in the way.
 */
@TestPropertySource(properties = "ledger.node-id=index-rebuild-test")
class IndexRebuildHttpTest extends HttpTestBase {

    /** Counters whose values depend on the order rows were written, not on their content; order is compared. */
    private static final Map<String, String> ORDER_COLUMNS = Map.of(
            "life_fact_index", "recorded_order", "overpayment_case_index", "opened_order");

    /** Tables that are not derived from the events at all (access_log: reads are not events), or not indexes. */
    private static final Set<String> NOT_INDEXES = Set.of("domain_event_entry", "snapshot_event_entry", "token_entry",
            "event_chain", "idempotent_request", "ledger_node", "dead_letter_entry", "flyway_schema_history",
            "association_value_entry", "saga_entry", "access_log");

    @Autowired
    private IndexRebuild rebuild;

    @Test
    void everyWriteSideTableIsRebuiltOrDeclaredNotDerivable() {
        Set<String> tables = new TreeSet<>(jdbc.queryForList(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT LIKE '%\\_view'",
                String.class));
        tables.removeAll(NOT_INDEXES);
        assertThat(tables).as("a new write-side table needs a place in the rebuild")
                .containsExactlyInAnyOrderElementsOf(rebuild.tables());
    }

    @Test
    void rebuildingTheIndexesFromTheEventsGivesTheRowsTheCommandsWrote() {
        String code = newProgram("REBUILD");
        StringBuilder csv = new StringBuilder("身份证号,姓名,行政区划\n");
        for (int i = 0; i < 40; i++) {
            csv.append(syntheticId(7000 + i)).append(",人").append(i).append(",650102\n");
        }
        postFile("clerk", "/api/v1/programs/" + code + "/enrolments?effectiveFrom=2023-01", "r.csv",
                csv.toString().getBytes(StandardCharsets.UTF_8), null).expect(201);
        List<String> everyone = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            everyone.add(syntheticId(7000 + i));
        }
        String withdrawn = post("clerk", batches(code, "2023-01"), lines(line(everyone.get(0), "120.00")), null)
                .expect(201).json().get("batchId").asText();
        post("clerk", "/api/v1/batches/" + withdrawn + "/withdrawal", "{\"reason\":\"重新上传\"}").expect(200);
        for (int month = 1; month <= 4; month++) {
            payMonth(code, month, everyone);
        }
        String march = jdbc.queryForObject("""
                SELECT batch_id FROM payout_line_index WHERE program_code = ? AND period = '2023-03-01' AND state = 'PAID'
                LIMIT 1""", String.class, code);
        post("finance", returns(march), "{\"reference\":\"退票通知-01\",\"lines\":[{\"recipientId\":\"" + everyone.get(5) + "\",\"reason\":\"销户\"}]}")
                .expect(201);
        String death = post("clerk", "/api/v1/recipients/" + everyone.get(1) + "/deaths",
                "{\"dateOfDeath\":\"2023-01-20\",\"source\":\"殡葬\"}").expect(201).json().get("factId").asText();
        changeFactApproved("clerk", "inspector", death, "correction",
                "{\"dateOfDeath\":\"2023-01-10\",\"reason\":\"死亡证明\"}");
        String retracted = post("clerk", "/api/v1/recipients/" + everyone.get(2) + "/deaths",
                "{\"dateOfDeath\":\"2023-02-03\",\"source\":\"公安\"}").expect(201).json().get("factId").asText();
        changeFactApproved("clerk", "inspector", retracted, "retraction", "{\"reason\":\"误报\"}");
        Answer suspension = post("inspector", "/api/v1/recipients/" + everyone.get(3) + "/suspensions",
                "{\"kind\":\"IMPRISONMENT\",\"from\":\"2023-01-05\",\"to\":\"2023-03-10\",\"source\":\"司法\"}")
                .expect(201);
        String caseId = suspension.json().get("overpayments").get(0).get("caseId").asText();
        post("inspector", "/api/v1/overpayments/" + caseId + "/deduction", "{\"share\":\"0.25\",\"recipientAgreed\":true}").expect(200);
        String may = payMonth(code, 5, everyone.subList(3, 40)).json().get("batchId").asText();
        post("finance", returns(may), "{\"reference\":\"退票通知-01\",\"lines\":[{\"recipientId\":\"" + everyone.get(3) + "\",\"reason\":\"冻结\"}]}")
                .expect(201);
        post("inspector", "/api/v1/overpayments/" + caseId + "/repayments",
                "{\"amount\":\"50.00\",\"receivedOn\":\"2023-06-01\",\"method\":\"FAMILY_REFUND\",\"reference\":\"收据-TEST\"}").expect(201);
        postFile("inspector", "/api/v1/death-comparisons", "d.csv", ("身份证号,姓名,死亡日期\n"
                + everyone.get(4) + ",人4,2023-03-31\n" + everyone.get(6) + ",人6,2023-04-30\n")
                .getBytes(StandardCharsets.UTF_8), null).expect(201);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM deduction_index", Long.class)).isPositive();

        Map<String, List<Map<String, Object>>> written = snapshot();
        IndexRebuild.Result result = rebuild.rebuild();
        assertThat(result.events()).isEqualTo(eventCount());
        Map<String, List<Map<String, Object>>> rebuilt = snapshot();
        for (String table : written.keySet()) {
            if (ORDER_COLUMNS.containsKey(table)) {
                assertThat(rebuilt.get(table)).as(table).containsExactlyElementsOf(written.get(table));
            } else {
                assertThat(rebuilt.get(table)).as(table).containsExactlyInAnyOrderElementsOf(written.get(table));
            }
        }
        assertThat(written.get("enrolment_index")).hasSize(40);
        assertThat(written.get("payout_line_index")).hasSize(1 + 4 * 40 + 37);
        assertThat(written.get("overpaid_payment_index")).isNotEmpty();
        assertThat(written.get("not_due_index")).isNotEmpty();

        // The commands work on the rebuilt indexes: June pays everyone still due, no one twice.
        Answer june = payMonth(code, 6, everyone.subList(7, 40));
        assertThat(june.status()).isEqualTo(200);
        post("clerk", batches(code, "2023-06"), lines(line(everyone.get(8), "120.00")), null)
                .expectProblem(422, "INVALID_ROWS");
    }

    private Map<String, List<Map<String, Object>>> snapshot() {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        for (String table : rebuild.tables()) {
            String order = ORDER_COLUMNS.get(table);
            List<Map<String, Object>> content = jdbc.queryForList("SELECT * FROM " + table + " ORDER BY "
                    + (order == null ? "1, 2, 3" : order));
            if (order != null) {
                content.forEach(row -> row.remove(order));
            }
            rows.put(table, content);
        }
        return rows;
    }
}
