package io.singlesday.launcher.hostile;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One operation of a service's OpenAPI document, with its parameters and the JSON schema of its body resolved
 * against that document's components, so cases can be built without knowing the service.
 */
record Operation(String service, String method, String path, List<Parameter> parameters, JsonNode bodySchema,
                 JsonNode components) {

    record Parameter(String in, String name, JsonNode schema, boolean required) {
    }

    boolean writes() {
        return !method.equals("GET");
    }

    boolean streams() {
        return path.endsWith("/stream");
    }

    String label() {
        return method + " " + path;
    }

    List<Parameter> in(String where) {
        return parameters.stream().filter(p -> p.in().equals(where)).toList();
    }

    /** Every operation of one document; the festival clock is served by all six and taken once, by the caller. */
    static List<Operation> of(String service, JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        JsonNode components = document.path("components").path("schemas");
        for (var path : document.path("paths").properties()) {
            for (var method : path.getValue().properties()) {
                JsonNode op = method.getValue();
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode p : op.path("parameters")) {
                    parameters.add(new Parameter(p.path("in").asString(), p.path("name").asString(), p.path("schema"),
                            p.path("required").asBoolean(false)));
                }
                JsonNode body = op.path("requestBody").path("content").path("application/json").path("schema");
                operations.add(new Operation(service, method.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                        List.copyOf(parameters), body.isMissingNode() ? null : body, components));
            }
        }
        return operations;
    }

    /** The schema behind a {@code $ref}, or the schema itself. */
    JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; hops < 10 && current.has("$ref"); hops++) {
            String ref = current.path("$ref").asString();
            current = components.path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return current;
    }
}
