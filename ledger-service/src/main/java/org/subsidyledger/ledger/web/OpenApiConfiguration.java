package org.subsidyledger.ledger.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.subsidyledger.contract.error.ErrorCode;

/**
 * The OpenAPI document ({@code /v3/api-docs}): what the service is, how to sign in (HTTP Basic for configured users,
 * a bearer JWT when an issuer is configured; every operation needs one of them), and the RFC 9457 problem every
 * operation may answer, with the stable codes as an enum. Each operation lists the problems it can give: 400, 401
 * and 403 always, 404 when it names a resource in its path, 409 and 422 when it records something.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BASIC = "basicAuth";
    static final String BEARER = "bearerAuth";
    static final String PROBLEM = "Problem";

    @Bean
    OpenAPI ledgerOpenApi() {
        Schema<?> code = new StringSchema().description("the stable code clients switch on")
                ._enum(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
        Schema<?> row = new ObjectSchema().description("a rejected row of a file or list")
                .addProperty("line", new IntegerSchema().description("the file's line (header = 1) or the position"))
                .addProperty("id", new StringSchema().description("the row's ID number as given"))
                .addProperty("code", new StringSchema())
                .addProperty("message", new StringSchema());
        Schema<?> problem = new ObjectSchema().description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().example("urn:subsidy-ledger:problem:invalid-rows"))
                .addProperty("title", new StringSchema().example("INVALID_ROWS")
                        .description("the code; in Chinese (部分行有误) with Accept-Language: zh"))
                .addProperty("status", new IntegerSchema().example(422))
                .addProperty("detail", new StringSchema().example("2 row(s) are invalid; nothing was recorded")
                        .description("in English; in Chinese with Accept-Language: zh (zh-CN, zh-Hans …)"))
                .addProperty("detailEn", new StringSchema().description("with Accept-Language: zh, the English "
                        + "detail and its particulars"))
                .addProperty("code", code)
                .addProperty("errors", new ArraySchema().items(row).description("rows of files, with line numbers"));
        return new OpenAPI()
                .info(new Info().title("Subsidy ledger API (补贴/待遇发放与追回审计账本)").version("v1")
                        .description("Programs, enrolments, payout batches and their workflow, life facts, "
                                + "overpayments and their recovery, indicators as of any moment, evaluations and "
                                + "audit. Amounts are 元 as strings with two decimals; every rejection is an RFC 9457 "
                                + "problem with a stable code. docs/api.md describes each endpoint.")
                        .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
                .servers(List.of(new Server().url("/").description("this service")))
                .components(new Components()
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("a user configured under ledger.security.users"))
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("a token of the configured issuer; its roles claim names the roles"))
                        .addSchemas(PROBLEM, problem))
                .security(List.of(new SecurityRequirement().addList(BASIC), new SecurityRequirement().addList(BEARER)));
    }

    /** The problems each operation may answer, and its security when it has none of its own. */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                boolean names = path.contains("{");
                boolean records = method != io.swagger.v3.oas.models.PathItem.HttpMethod.GET;
                add(operation, "400", "the request cannot be read (MALFORMED_REQUEST, INVALID_QUERY)");
                add(operation, "401", "not signed in (UNAUTHENTICATED)");
                add(operation, "403", "the role may not do this (FORBIDDEN, SEGREGATION_OF_DUTIES)");
                if (names) {
                    add(operation, "404", "nothing with that identity (UNKNOWN_PROGRAM, UNKNOWN_BATCH …)");
                }
                if (records) {
                    add(operation, "409", "the ledger's state does not allow it (INVALID_BATCH_STATE, "
                            + "CONCURRENT_MODIFICATION …)");
                    add(operation, "422", "a value or row breaks a rule (INVALID_ROWS with the rows, INVALID_AMOUNT …)");
                }
                add(operation, "503", "the database cannot be reached, or figures trail the events "
                        + "(DATABASE_UNAVAILABLE with Retry-After, FIGURES_BEHIND, CHAIN_BEHIND)");
            }));
        };
    }

    /** {@link Created} endpoints: their answer under 201 (and 200 when it may already have been recorded). */
    @Bean
    OperationCustomizer createdResponses() {
        return (operation, handler) -> {
            Created created = handler.getMethodAnnotation(Created.class);
            ApiResponses responses = operation.getResponses();
            if (created == null || responses == null || !responses.containsKey("200")) {
                return operation;
            }
            ApiResponse ok = responses.remove("200");
            responses.addApiResponse("201", new ApiResponse().description("recorded").content(ok.getContent()));
            if (created.orAlreadyRecorded()) {
                responses.addApiResponse("200", new ApiResponse().description("already recorded: nothing new")
                        .content(ok.getContent()));
            }
            if (created.orProposed()) {
                responses.addApiResponse("202", new ApiResponse().description("proposed: waits for another "
                        + "person's approval, nothing changed yet").content(ok.getContent()));
            }
            return operation;
        };
    }

    /**
     * Examples for the fields and parameters every client fills in, by name: the same names mean the same thing
     * throughout the API (amounts in 元, months as YYYY-MM, dates as YYYY-MM-DD, ID numbers of 18 characters).
     */
    static final Map<String, Object> EXAMPLES = Map.ofEntries(
            Map.entry("amount", "120.00"), Map.entry("monthlyStandard", "120.00"), Map.entry("budget", "23520000.00"),
            Map.entry("acceptedTotal", "1726800.00"), Map.entry("returnedTotal", "240.00"),
            Map.entry("overpaidIdentified", "360.00"), Map.entry("spending", "1726800.00"),
            Map.entry("share", "0.30"),
            Map.entry("recipientId", "11010519491231002X"), Map.entry("period", "2023-01"),
            Map.entry("month", "2023-01"), Map.entry("effectiveFrom", "2023-01"), Map.entry("lastDueMonth", "2023-06"),
            Map.entry("receivedOn", "2023-01-05"), Map.entry("disbursedOn", "2023-01-20"),
            Map.entry("dateOfDeath", "2023-03-14"), Map.entry("paidOn", "2023-05-10"),
            Map.entry("releasedOn", "2023-09-30"), Map.entry("region", "650102"), Map.entry("code", "URUMQI-1995"),
            Map.entry("program", "URUMQI-1995"), Map.entry("year", 2023), Map.entry("deadlineDay", 25),
            Map.entry("reviewLevels", 3), Map.entry("plannedRecipients", 16000), Map.entry("plannedPayouts", 12),
            Map.entry("asOf", "2023-03-01T00:00:00+08:00"),
            Map.entry("otherScheme", "城乡居民基本养老保险"));

    @Bean
    OpenApiCustomizer examples() {
        return openApi -> {
            if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
                for (Schema<?> schema : openApi.getComponents().getSchemas().values()) {
                    @SuppressWarnings("rawtypes")
                    Map<String, Schema> properties = schema.getProperties();
                    if (properties != null) {
                        properties.forEach((name, property) -> {
                            if (!name.equals("code")) { // in bodies a code is often an error code
                                example(property, name);
                            }
                        });
                    }
                }
            }
            if (openApi.getPaths() != null) {
                openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
                    if (operation.getParameters() != null) {
                        operation.getParameters().forEach(parameter -> {
                            if (parameter.getExample() == null && EXAMPLES.containsKey(parameter.getName())) {
                                parameter.setExample(EXAMPLES.get(parameter.getName()));
                            }
                        });
                    }
                }));
            }
        };
    }

    private static void example(Schema<?> property, String name) {
        if (property.getExample() == null && property.get$ref() == null && property.getEnum() == null
                && EXAMPLES.containsKey(name)) {
            property.setExample(EXAMPLES.get(name));
        }
    }

    private static void add(Operation operation, String status, String description) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().description(description).content(new Content()
                    .addMediaType("application/problem+json", new MediaType()
                            .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
        }
        operation.setResponses(responses);
    }
}
