package io.singlesday.launcher;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The operators' own CustomResourceDefinitions, vendored under k8s/operator-schemas with their licences, turned
 * into JSON Schemas an operator resource is held to: one per served {@code group/version} and kind. An API server
 * prunes fields its schema does not know, so a typo would vanish silently there; here, as with kubeconform's
 * strict mode, an object that lists its properties accepts no others unless the CRD keeps unknown fields.
 * CEL rules ({@code x-kubernetes-validations}) are not evaluated.
 */
final class OperatorSchemas {

    private static final YAMLMapper yaml = new YAMLMapper();
    private static final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final Map<String, Schema> byApiVersionAndKind = new HashMap<>();

    private OperatorSchemas() {
    }

    static OperatorSchemas load(Path directory) {
        OperatorSchemas schemas = new OperatorSchemas();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                try (var parser = yaml.createParser(Files.readString(file))) {
                    for (JsonNode crd : yaml.readValues(parser, JsonNode.class).readAll()) {
                        if (crd != null && "CustomResourceDefinition".equals(crd.path("kind").asString())) {
                            schemas.add(crd);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return schemas;
    }

    private void add(JsonNode crd) {
        String group = crd.path("spec").path("group").asString();
        String kind = crd.path("spec").path("names").path("kind").asString();
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (version.path("served").asBoolean(false)) {
                JsonNode schema = version.path("schema").path("openAPIV3Schema").deepCopy();
                strict(schema);
                byApiVersionAndKind.put(group + "/" + version.path("name").asString() + " " + kind,
                        registry.getSchema(schema.toString()));
            }
        }
    }

    /** The known kinds, as {@code apiVersion kind}. */
    java.util.Set<String> known() {
        return byApiVersionAndKind.keySet();
    }

    Optional<Schema> schemaOf(JsonNode resource) {
        return Optional.ofNullable(byApiVersionAndKind.get(
                resource.path("apiVersion").asString() + " " + resource.path("kind").asString()));
    }

    /** Every way the resource breaks its CRD's schema; empty when it conforms. */
    List<String> violations(JsonNode resource) {
        Schema schema = schemaOf(resource).orElseThrow(() -> new AssertionError("no CRD schema for "
                + resource.path("apiVersion").asString() + " " + resource.path("kind").asString()));
        return schema.validate(resource).stream()
                .map(Object::toString).toList();
    }

    private static void strict(JsonNode node) {
        if (node instanceof ObjectNode object) {
            boolean keepsUnknown = object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
            if (object.has("properties") && !object.has("additionalProperties") && !keepsUnknown) {
                object.put("additionalProperties", false);
            }
            object.forEach(OperatorSchemas::strict);
        } else if (node != null && node.isArray()) {
            node.forEach(OperatorSchemas::strict);
        }
    }
}
