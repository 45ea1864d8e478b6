package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * The integrity of the event store end to end: stored events cannot be updated or deleted, the hash chain over them
 * verifies, an indicator export quotes the chain head it was computed under, and an event altered behind the
 * ledger's back (a database owner switching the guard off) is found by {@code GET /audit/verify}. It runs in a database
 * of its own (a separate application context, closed afterwards): the verification reads the whole store and waits
 * for the chain to take in every event, which in the shared database depended on the test classes run before.
 */
@org.springframework.test.context.TestPropertySource(properties = "ledger.node-id=audit-test")
@org.springframework.test.annotation.DirtiesContext(
        classMode = org.springframework.test.annotation.DirtiesContext.ClassMode.AFTER_CLASS)
class AuditHttpTest extends HttpTestBase {

    @Test
    void storedEventsCannotBeUpdatedOrDeleted() {
        newProgram("GUARD");
        long first = jdbc.queryForObject("SELECT min(global_index) FROM domain_event_entry", Long.class);
        assertThatThrownBy(() -> jdbc.update("UPDATE domain_event_entry SET payload_revision = 'x' WHERE global_index = ?",
                first)).isInstanceOf(DataIntegrityViolationException.class).rootCause().hasMessageContaining("never updated or deleted");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM domain_event_entry WHERE global_index = ?", first))
                .rootCause().hasMessageContaining("never updated or deleted");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM event_chain")).rootCause().hasMessageContaining("never updated");
    }

    @Test
    void anIndicatorExportQuotesTheChainHeadThatTheVerificationReproduces() throws Exception {
        String code = newProgram("AUD");
        put("admin", "/api/v1/programs/" + code + "/plans/2023",
                "{\"plannedRecipients\":2,\"plannedPayouts\":12,\"budget\":\"2880.00\"}").expect(200);
        post("finance", "/api/v1/programs/" + code + "/funds",
                "{\"amount\":\"1440.00\",\"receivedOn\":\"2023-01-05\",\"reference\":\"拨款\"}").expect(201);
        enrol(code, "2023-01", 8200, 8201);
        payMonth(code, 1, List.of(syntheticId(8200), syntheticId(8201)));
        String path = "/api/v1/programs/" + code + "/indicators/export?year=2023";
        eventually(() -> "240.00".equals(get("auditor", path).json().path("indicators").get(1).path("numerator").asText()));

        JsonNode exported = get("auditor", path + "&format=json").expect(200).json();
        assertThat(exported.get("program").asText()).isEqualTo(code);
        assertThat(exported.get("year").asInt()).isEqualTo(2023);
        JsonNode events = exported.get("events");
        long position = events.get("position").asLong();
        assertThat(position).isPositive();
        assertThat(events.get("globalIndex").asLong())
                .isEqualTo(jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class));
        assertThat(events.get("sha256").asText()).hasSize(64);

        JsonNode verification = get("auditor", events.get("verify").asText()).expect(200).json();
        assertThat(verification.get("verified").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.get("checked").asLong()).isEqualTo(position);
        assertThat(verification.get("head").get("sha256").asText()).isEqualTo(events.get("sha256").asText());
        assertThat(verification.get("problems")).isEmpty();

        HttpResponse<String> csv = get("auditor", path + "&format=csv").expect(200).raw();
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("\uFEFF项目," + code);
        assertThat(lines).contains("事件链位置," + position, "事件链摘要 SHA-256," + events.get("sha256").asText(),
                "budgetExecutionRate,预算执行率,rate,240.00,1440.00,0.1667", "2023-01,1,1,2,0,2,2,240.00,");

        byte[] xlsx = getBytes("auditor", path + "&format=xlsx").body();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheet("指标");
            assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo(code);
            assertThat(sheet.getRow(6).getCell(1).getStringCellValue()).isEqualTo(events.get("sha256").asText());
            var spending = workbook.getSheet("月度").getRow(1).getCell(7);
            assertThat(spending.getNumericCellValue()).as("发放金额, a number that sums").isEqualTo(240.0);
            assertThat(spending.getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(workbook.getSheet("月度").getRow(1).getCell(3).getNumericCellValue()).as("发送笔数").isEqualTo(2.0);
            Row budgetExecution = null;
            for (Row row : sheet) {
                if (row.getCell(0) != null && "budgetExecutionRate".equals(row.getCell(0).getStringCellValue())) {
                    budgetExecution = row;
                }
            }
            assertThat(budgetExecution).isNotNull();
            assertThat(budgetExecution.getCell(2).getStringCellValue()).as("the unit in Chinese").isEqualTo("比率");
            assertThat(budgetExecution.getCell(3).getNumericCellValue()).isEqualTo(240.0);
            assertThat(budgetExecution.getCell(4).getNumericCellValue()).isEqualTo(1440.0);
            assertThat(budgetExecution.getCell(5).getNumericCellValue()).isEqualTo(0.1667);
            assertThat(budgetExecution.getCell(5).getCellStyle().getDataFormatString()).isEqualTo("0.00%");
        }

        get("auditor", path + "&format=pdf").expectProblem(400, "INVALID_QUERY");
        get("clerk", path).expect(403);
        get("clerk", "/api/v1/audit/verify").expect(403);
    }

    @Test
    void anEventAlteredBehindTheLedgersBackIsFoundByTheVerification() {
        String code = newProgram("TAMPER");
        eventually(() -> get("auditor", "/api/v1/audit/verify").json().path("unchained").asLong() == 0);
        long globalIndex = jdbc.queryForObject("""
                SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0""",
                Long.class, code);
        byte[] original = jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE global_index = ?",
                byte[].class, globalIndex);
        String altered = new String(original, StandardCharsets.UTF_8).replace("\"120.00\"", "\"1200.00\"")
                .replace("12000", "120000");
        assertThat(altered).isNotEqualTo(new String(original, StandardCharsets.UTF_8));
        jdbc.execute("ALTER TABLE domain_event_entry DISABLE TRIGGER domain_event_entry_append_only");
        try {
            jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?",
                    altered.getBytes(StandardCharsets.UTF_8), globalIndex);
            JsonNode verification = get("admin", "/api/v1/audit/verify").expect(200).json();
            assertThat(verification.get("verified").asBoolean()).isFalse();
            assertThat(verification.get("problems")).hasSize(1);
            assertThat(verification.get("problems").get(0).get("globalIndex").asLong()).isEqualTo(globalIndex);
            assertThat(verification.get("problems").get(0).get("problem").asText()).isEqualTo("ALTERED");
        } finally {
            jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", original, globalIndex);
            jdbc.execute("ALTER TABLE domain_event_entry ENABLE TRIGGER domain_event_entry_append_only");
        }
        assertThat(get("admin", "/api/v1/audit/verify").json().get("verified").asBoolean()).isTrue();
    }

    @Test
    void anEventSlippedInBehindTheChainFailsTheVerification() {
        newProgram("BEHIND");
        eventually(() -> get("auditor", "/api/v1/audit/verify").json().path("unchained").asLong() == 0);
        // Global index 0 lies behind everything the chain has met: the chain processor will never see it.
        jdbc.update("""
                INSERT INTO domain_event_entry (global_index, aggregate_identifier, sequence_number, type, event_identifier,
                    meta_data, payload, payload_revision, payload_type, time_stamp)
                SELECT 0, 'slipped-in', 0, type, 'slipped-in-event', meta_data, payload, payload_revision, payload_type,
                       time_stamp
                FROM domain_event_entry ORDER BY global_index LIMIT 1""");
        try {
            JsonNode verification = get("auditor", "/api/v1/audit/verify").expect(200).json();
            assertThat(verification.get("verified").asBoolean()).isFalse();
            assertThat(verification.get("behindChain").asLong()).isOne();
            assertThat(verification.get("problems").get(0).get("problem").asText()).isEqualTo("UNCHAINED");
            assertThat(verification.get("problems").get(0).get("globalIndex").asLong()).isZero();
        } finally {
            jdbc.execute("ALTER TABLE domain_event_entry DISABLE TRIGGER domain_event_entry_append_only");
            jdbc.update("DELETE FROM domain_event_entry WHERE global_index = 0");
            jdbc.execute("ALTER TABLE domain_event_entry ENABLE TRIGGER domain_event_entry_append_only");
        }
        assertThat(get("auditor", "/api/v1/audit/verify").json().get("verified").asBoolean()).isTrue();
    }

    @Test
    void aDeletedTailOfTheChainFailsTheVerification() {
        newProgram("TAIL");
        eventually(() -> get("auditor", "/api/v1/audit/verify").json().path("unchained").asLong() == 0);
        java.util.Map<String, Object> last = jdbc.queryForMap(
                "SELECT * FROM event_chain ORDER BY position DESC LIMIT 1");
        jdbc.execute("ALTER TABLE event_chain DISABLE TRIGGER event_chain_append_only");
        try {
            jdbc.update("DELETE FROM event_chain WHERE position = ?", last.get("position"));
            JsonNode verification = get("auditor", "/api/v1/audit/verify").expect(200).json();
            assertThat(verification.get("verified").asBoolean()).as(verification.toString()).isFalse();
            assertThat(verification.get("problems").get(0).get("problem").asText()).isEqualTo("TAIL_MISSING");
            assertThat(verification.get("chainToken").asLong()).isEqualTo(((Number) last.get("global_index")).longValue());
        } finally {
            jdbc.update("""
                    INSERT INTO event_chain (position, global_index, event_identifier, event_sha256, chain_sha256, chained_at)
                    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", last.get("position"), last.get("global_index"),
                    last.get("event_identifier"), last.get("event_sha256"), last.get("chain_sha256"),
                    last.get("chained_at"));
            jdbc.execute("ALTER TABLE event_chain ENABLE TRIGGER event_chain_append_only");
        }
        JsonNode intact = get("auditor", "/api/v1/audit/verify").json();
        assertThat(intact.get("verified").asBoolean()).isTrue();
        String head = intact.get("head").get("position").asText() + ":" + intact.get("head").get("sha256").asText();
        assertThat(get("auditor", "/api/v1/audit/verify?head=" + head).json().get("verified").asBoolean()).isTrue();
        String forged = intact.get("head").get("position").asText() + ":" + "0".repeat(64);
        JsonNode mismatch = get("auditor", "/api/v1/audit/verify?head=" + forged).json();
        assertThat(mismatch.get("verified").asBoolean()).isFalse();
        assertThat(mismatch.get("problems").get(0).get("problem").asText()).isEqualTo("QUOTED_HEAD_NOT_FOUND");
    }
}
