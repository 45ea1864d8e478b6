package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgramHttpTest extends HttpTestBase {

    @Test
    void createsAProgramAndShowsItWithPlanAndFunds() {
        String code = newProgram("URUMQI");
        put("finance", "/api/v1/programs/" + code + "/plans/2023",
                "{\"plannedRecipients\":16000,\"plannedPayouts\":12,\"budget\":\"23520000.00\"}").expect(200);
        post("finance", "/api/v1/programs/" + code + "/funds",
                "{\"amount\":\"15000000.00\",\"receivedOn\":\"2023-03-01\",\"reference\":\"XCZ-1\"}").expect(201);
        post("finance", "/api/v1/programs/" + code + "/funds",
                "{\"amount\":\"6400000.00\",\"receivedOn\":\"2023-09-01\",\"reference\":\"XCZ-2\"}").expect(201);

        eventually(() -> get("auditor", "/api/v1/programs/" + code).json().path("funds").size() == 2);
        JsonNode program = get("auditor", "/api/v1/programs/" + code).expect(200).json();
        assertThat(program.get("monthlyStandard").asText()).isEqualTo("120.00");
        assertThat(program.get("createdBy").asText()).isEqualTo("admin");
        JsonNode plan = program.get("plans").get(0);
        assertThat(plan.get("year").asInt()).isEqualTo(2023);
        assertThat(plan.get("plannedRecipients").asLong()).isEqualTo(16000);
        assertThat(plan.get("budget").asText()).isEqualTo("23520000.00");
        assertThat(plan.get("fundsReceived").asText()).isEqualTo("21400000.00");
        assertThat(program.get("funds").get(0).get("recordedBy").asText()).isEqualTo("finance");
    }

    @Test
    void refusesASecondProgramWithTheSameCodeWith409() {
        String code = newProgram("DUP");
        post("admin", "/api/v1/programs", """
                {"code":"%s","name":"又一个","region":"650100","monthlyStandard":"100.00"}""".formatted(code))
                .expectProblem(409, "PROGRAM_EXISTS");
    }

    @Test
    void refusesBadProgramValuesWithTheirCodes() {
        String template = "{\"code\":\"%s\",\"name\":\"x\",\"region\":\"%s\",\"monthlyStandard\":\"%s\",\"deadlineDay\":%d}";
        post("admin", "/api/v1/programs", template.formatted("bad code", "650100", "120.00", 25))
                .expectProblem(422, "INVALID_PROGRAM_CODE");
        post("admin", "/api/v1/programs", template.formatted("OK-1", "650100", "120.005", 25))
                .expectProblem(422, "INVALID_AMOUNT");
        post("admin", "/api/v1/programs", template.formatted("OK-2", "北京", "120.00", 25))
                .expectProblem(422, "INVALID_REGION");
        post("admin", "/api/v1/programs", template.formatted("OK-3", "650100", "120.00", 31))
                .expectProblem(422, "INVALID_DEADLINE_DAY");
        post("admin", "/api/v1/programs", template.formatted("OK-4", "650100", "-5", 25))
                .expectProblem(422, "INVALID_AMOUNT");
    }

    @Test
    void refusesMalformedJsonWith400() {
        post("admin", "/api/v1/programs", "{\"code\": ").expectProblem(400, "MALFORMED_REQUEST");
    }

    @Test
    void refusesAPlanOrFundsForAnUnknownProgramWith404() {
        put("admin", "/api/v1/programs/NO-SUCH/plans/2023",
                "{\"plannedRecipients\":1,\"plannedPayouts\":12,\"budget\":\"1.00\"}")
                .expectProblem(404, "UNKNOWN_PROGRAM");
        post("finance", "/api/v1/programs/NO-SUCH/funds",
                "{\"amount\":\"1.00\",\"receivedOn\":\"2023-01-01\",\"reference\":\"R\"}")
                .expectProblem(404, "UNKNOWN_PROGRAM");
        get("auditor", "/api/v1/programs/NO-SUCH").expectProblem(404, "UNKNOWN_PROGRAM");
    }

    @Test
    void refusesFundsWithThreeDecimalsOrABadDate() {
        String code = newProgram("FUNDS");
        post("finance", "/api/v1/programs/" + code + "/funds",
                "{\"amount\":\"1.001\",\"receivedOn\":\"2023-01-01\",\"reference\":\"R\"}")
                .expectProblem(422, "INVALID_AMOUNT");
        post("finance", "/api/v1/programs/" + code + "/funds",
                "{\"amount\":\"0\",\"receivedOn\":\"2023-01-01\",\"reference\":\"R\"}")
                .expectProblem(422, "INVALID_AMOUNT");
        post("finance", "/api/v1/programs/" + code + "/funds",
                "{\"amount\":\"1.00\",\"receivedOn\":\"2023-02-30\",\"reference\":\"R\"}")
                .expectProblem(422, "INVALID_DATE");
    }

    @Test
    void recordsFundsOncePerIdempotencyKeyAndRefusesTheKeyForAnotherRequest() {
        String code = newProgram("IDEM");
        String body = "{\"amount\":\"100.00\",\"receivedOn\":\"2023-01-01\",\"reference\":\"K-1\"}";
        Answer first = post("finance", "/api/v1/programs/" + code + "/funds", body, "key-1").expect(201);
        long events = eventCount();
        Answer again = post("finance", "/api/v1/programs/" + code + "/funds", body, "key-1").expect(201);

        assertThat(again.json().get("trancheId")).isEqualTo(first.json().get("trancheId"));
        assertThat(again.raw().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(eventCount()).isEqualTo(events);
        post("finance", "/api/v1/programs/" + code + "/funds",
                "{\"amount\":\"200.00\",\"receivedOn\":\"2023-01-01\",\"reference\":\"K-2\"}", "key-1")
                .expectProblem(422, "IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void refusesTheSameFundsReferenceTwiceWith409() {
        String code = newProgram("REF");
        String body = "{\"amount\":\"100.00\",\"receivedOn\":\"2023-01-01\",\"reference\":\"SAME\"}";
        post("finance", "/api/v1/programs/" + code + "/funds", body).expect(201);
        post("finance", "/api/v1/programs/" + code + "/funds", body).expectProblem(409, "DUPLICATE_FUNDS_REFERENCE");
    }

    @Test
    void recordsWhoDidItOnEveryEvent() {
        String code = newProgram("WHO");
        put("finance", "/api/v1/programs/" + code + "/plans/2024",
                "{\"plannedRecipients\":10,\"plannedPayouts\":12,\"budget\":\"14400.00\"}").expect(200);

        List<Map<String, Object>> events = jdbc.queryForList("""
                SELECT payload_type, meta_data, time_stamp FROM domain_event_entry
                WHERE aggregate_identifier = ? ORDER BY sequence_number""", code);
        assertThat(events).hasSize(2);
        String created = new String((byte[]) events.get(0).get("meta_data"), StandardCharsets.UTF_8);
        String planned = new String((byte[]) events.get(1).get("meta_data"), StandardCharsets.UTF_8);
        assertThat(created).contains("\"actor\":\"admin\"", "\"role\":\"ADMIN\"", "\"requestId\"");
        assertThat(planned).contains("\"actor\":\"finance\"", "\"role\":\"FINANCE\"");
        assertThat(events.get(0).get("time_stamp")).isNotNull();
    }
}
