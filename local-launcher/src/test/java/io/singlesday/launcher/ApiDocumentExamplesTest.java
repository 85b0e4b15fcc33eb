package io.singlesday.launcher;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.singlesday.testsupport.ApiDocumentSnapshot;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request example in the documents the generated client is built from is a valid request by the document's own
 * schema (OpenAPI 3.1 schemas are JSON Schema 2020-12), so a reader who pastes one into Swagger UI or a client sends
 * something the server accepts. An enum value renamed, a field dropped or made required fails here.
 */
class ApiDocumentExamplesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final List<String> DOCUMENTS = List.of("catalog", "orders", "coupons", "livestreams", "logistics", "gmv");

    @Test
    void everyRequestExampleIsValidByItsOwnSchema() throws Exception {
        List<String> checked = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (String name : DOCUMENTS) {
            JsonNode document = JSON.readTree(Files.readString(ApiDocumentSnapshot.kept(name)));
            for (var path : document.path("paths").properties()) {
                for (var operation : path.getValue().properties()) {
                    JsonNode json = operation.getValue().at("/requestBody/content/application~1json");
                    for (var example : json.path("examples").properties()) {
                        String where = name + " " + operation.getKey().toUpperCase() + " " + path.getKey() + " " + example.getKey();
                        checked.add(where);
                        violations(document, json.path("schema"), example.getValue().path("value"))
                                .forEach(v -> invalid.add(where + ": " + v));
                    }
                }
            }
        }
        assertThat(invalid).isEmpty();
        assertThat(checked).as("the main flows' examples").hasSizeGreaterThanOrEqualTo(5)
                .anyMatch(where -> where.startsWith("orders POST /api/orders "));
    }

    @Test
    void anExampleWithAValueItsSchemaDoesNotAllowIsCaught() throws Exception {
        JsonNode orders = JSON.readTree(Files.readString(ApiDocumentSnapshot.kept("orders")));
        JsonNode checkout = orders.at("/paths/~1api~1orders/post/requestBody/content/application~1json");
        ObjectNode example = (ObjectNode) checkout.at("/examples/midnight/value").deepCopy();
        assertThat(violations(orders, checkout.path("schema"), example)).isEmpty();

        example.put("device", "IOS");
        assertThat(violations(orders, checkout.path("schema"), example)).anyMatch(v -> v.contains("device"));
        example.put("device", "MOBILE").remove("lines");
        assertThat(violations(orders, checkout.path("schema"), example)).anyMatch(v -> v.contains("lines"));
    }

    /** The schema as the root of a resource that carries the document's components, so its references resolve. */
    private static List<String> violations(JsonNode document, JsonNode schema, JsonNode instance) {
        ObjectNode root = (ObjectNode) schema.deepCopy();
        root.set("components", document.path("components"));
        Schema compiled = registry.getSchema(root.toString());
        return compiled.validate(instance).stream().map(Object::toString).toList();
    }
}
