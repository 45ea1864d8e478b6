package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.subsidyledger.contract.error.ErrorCode;

/**
 * The OpenAPI document as a client generator reads it: every operation has a summary, the security schemes, and the
 * problems it may answer with the stable codes as an enum (Redocly's recommended rules ask for the same).
 */
class OpenApiHttpTest extends HttpTestBase {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

    @Test
    void everyOperationHasASummaryAndTheProblemsItMayAnswer() {
        JsonNode document = get(null, "/v3/api-docs").expect(200).json();
        List<String> missing = new ArrayList<>();
        int operations = 0;
        for (var path : (Iterable<java.util.Map.Entry<String, JsonNode>>) document.get("paths")::fields) {
            for (var operation : (Iterable<java.util.Map.Entry<String, JsonNode>>) path.getValue()::fields) {
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                operations++;
                String name = operation.getKey().toUpperCase() + " " + path.getKey();
                JsonNode body = operation.getValue();
                if (body.path("summary").asText().isBlank()) {
                    missing.add(name + ": summary");
                }
                for (String status : List.of("400", "401", "403", "503")) {
                    if (!body.path("responses").has(status)) {
                        missing.add(name + ": " + status);
                    }
                }
                if (path.getKey().contains("{") && !body.path("responses").has("404")) {
                    missing.add(name + ": 404");
                }
            }
        }
        assertThat(operations).as("JSON and file variants of one path share an operation").isGreaterThanOrEqualTo(55);
        assertThat(missing).isEmpty();
    }

    @Test
    void theDocumentNamesBothWaysToSignInAndEveryErrorCode() {
        JsonNode document = get(null, "/v3/api-docs").json();
        JsonNode schemes = document.path("components").path("securitySchemes");
        assertThat(schemes.path("basicAuth").path("scheme").asText()).isEqualTo("basic");
        assertThat(schemes.path("bearerAuth").path("bearerFormat").asText()).isEqualTo("JWT");
        assertThat(document.path("security")).hasSize(2);
        List<String> codes = new ArrayList<>();
        document.path("components").path("schemas").path("Problem").path("properties").path("code").path("enum")
                .forEach(code -> codes.add(code.asText()));
        assertThat(codes).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
    }

    /**
     * Every successful answer is typed: JSON answers name a schema whose every property has a type (no free-form
     * objects), files are binary of a named media type, and an operation that records answers 201.
     */
    @Test
    void everySuccessfulAnswerHasATypedSchema() {
        JsonNode document = get(null, "/v3/api-docs").expect(200).json();
        JsonNode schemas = document.path("components").path("schemas");
        List<String> untyped = new ArrayList<>();
        for (var path : (Iterable<java.util.Map.Entry<String, JsonNode>>) document.get("paths")::fields) {
            for (var operation : (Iterable<java.util.Map.Entry<String, JsonNode>>) path.getValue()::fields) {
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                String name = operation.getKey().toUpperCase() + " " + path.getKey();
                for (var response : (Iterable<java.util.Map.Entry<String, JsonNode>>) operation.getValue()
                        .path("responses")::fields) {
                    if (!response.getKey().startsWith("2")) {
                        continue;
                    }
                    JsonNode content = response.getValue().path("content");
                    if (content.isEmpty()) {
                        untyped.add(name + " " + response.getKey() + ": no content");
                    }
                    for (var media : (Iterable<java.util.Map.Entry<String, JsonNode>>) content::fields) {
                        JsonNode schema = media.getValue().path("schema");
                        String where = name + " " + response.getKey() + " " + media.getKey();
                        if (media.getKey().contains("json") || media.getKey().equals("*/*")) {
                            if (!schema.has("$ref") && !schema.path("items").has("$ref")) {
                                untyped.add(where + ": not a named schema");
                            }
                            freeForm(schema, schemas, new java.util.HashSet<>(), where, untyped);
                        } else if (!"binary".equals(schema.path("format").asText())) {
                            untyped.add(where + ": a file that is not binary");
                        }
                    }
                }
            }
        }
        assertThat(untyped).isEmpty();
        JsonNode post = document.path("paths").path("/api/v1/programs/{code}/batches").path("post");
        assertThat(post.path("responses").has("201")).as("posting a batch answers 201").isTrue();
        assertThat(post.path("responses").has("200")).isFalse();
        JsonNode death = document.path("paths").path("/api/v1/recipients/{id}/deaths").path("post");
        assertThat(death.path("responses").has("200")).as("a death already recorded answers 200").isTrue();
        assertThat(schemas.path("PostedBatch").path("properties").path("acceptedTotal").path("example").asText())
                .isEqualTo("1726800.00");
    }

    @org.springframework.beans.factory.annotation.Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    private org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping handlers;

    /**
     * The document names a schema by the class's simple name, so two classes of one name in the API would silently
     * share one schema: every record an endpoint answers or reads has a name of its own.
     */
    @Test
    void noTwoTypesOfTheApiShareASchemaName() {
        java.util.Map<String, java.util.Set<Class<?>>> byName = new java.util.TreeMap<>();
        handlers.getHandlerMethods().values().forEach(method -> {
            types(method.getMethod().getGenericReturnType(), byName);
            for (java.lang.reflect.Parameter parameter : method.getMethod().getParameters()) {
                if (parameter.isAnnotationPresent(org.springframework.web.bind.annotation.RequestBody.class)) {
                    types(parameter.getParameterizedType(), byName);
                }
            }
        });
        byName.values().removeIf(classes -> classes.size() < 2);
        assertThat(byName).as("schema names taken by more than one class").isEmpty();
    }

    private static void types(java.lang.reflect.Type type, java.util.Map<String, java.util.Set<Class<?>>> byName) {
        if (type instanceof java.lang.reflect.ParameterizedType parameterized) {
            types(parameterized.getRawType(), byName);
            for (java.lang.reflect.Type argument : parameterized.getActualTypeArguments()) {
                types(argument, byName);
            }
        } else if (type instanceof Class<?> c && (c.isRecord() || c.isSealed())) {
            if (byName.computeIfAbsent(c.getSimpleName(), n -> new java.util.HashSet<>()).add(c)) {
                if (c.isSealed()) {
                    for (Class<?> permitted : c.getPermittedSubclasses()) {
                        types(permitted, byName);
                    }
                } else {
                    for (java.lang.reflect.RecordComponent component : c.getRecordComponents()) {
                        types(component.getGenericType(), byName);
                    }
                }
            }
        }
    }

    /** Properties, items and the parts of composed schemas, through their references, that have no type. */
    private static void freeForm(JsonNode schema, JsonNode schemas, java.util.Set<String> seen, String where,
                                 List<String> untyped) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().substring("#/components/schemas/".length());
            if (seen.add(name)) {
                freeForm(schemas.path(name), schemas, seen, where + " > " + name, untyped);
            }
            return;
        }
        for (String composition : List.of("oneOf", "anyOf", "allOf")) {
            if (schema.has(composition)) {
                schema.get(composition).forEach(part -> freeForm(part, schemas, seen, where, untyped));
                return;
            }
        }
        String type = schema.path("type").asText();
        if (type.isEmpty()) {
            untyped.add(where + ": no type");
        } else if (type.equals("array")) {
            freeForm(schema.path("items"), schemas, seen, where + "[]", untyped);
        } else if (type.equals("object")) {
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.path("additionalProperties");
            boolean anyValue = additional.isMissingNode() || additional.isBoolean() || additional.isEmpty();
            if (properties.isEmpty() && anyValue) {
                untyped.add(where + ": a free-form object");
            }
            properties.fields().forEachRemaining(p -> freeForm(p.getValue(), schemas, seen, where + "." + p.getKey(),
                    untyped));
            if (additional.isObject() && !additional.isEmpty()) {
                freeForm(additional, schemas, seen, where + "{}", untyped);
            }
        }
    }
}
