package io.singlesday.launcher.hostile;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The kinds of hostile input, made for one operation from its schema: broken and truncated JSON, wrong types,
 * nulls, huge and control-character strings, extreme numbers and dates, bad ids and query parameters, bad
 * headers and tokens. Each case starts from a plausible request and breaks one thing, so the break, not an
 * unrelated field, is what the service has to notice.
 */
final class HostileCases {

    /** Ids that exist, so a case reaches the checks behind "is there such a product". */
    record Seeds(String productId, String skuId, String brandId, String storeId, long categoryId) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String RAW = "@@raw@@";
    private static final String LONG_TEXT = "x".repeat(10_001);
    private static final int LONG_LIST = 10_001;

    private final Seeds seeds;
    private final String unsignedToken;
    private final String tamperedToken;

    HostileCases(Seeds seeds, String validToken) {
        this.seeds = seeds;
        String[] parts = validToken.split("\\.");
        this.unsignedToken = "eyJhbGciOiJub25lIn0." + parts[1] + ".";
        char last = parts[2].charAt(parts[2].length() / 2);
        this.tamperedToken = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() / 2)
                + (last == 'A' ? 'B' : 'A') + parts[2].substring(parts[2].length() / 2 + 1);
    }

    List<HostileCase> of(Operation op) {
        List<HostileCase> cases = new ArrayList<>();
        Map<String, String> pathValues = new LinkedHashMap<>();
        op.in("path").forEach(p -> pathValues.put(p.name(), baseText(p.name(), op.resolve(p.schema()))));
        JsonNode body = op.bodySchema() == null ? null : base(op, op.bodySchema(), "", 0);
        byte[] bodyBytes = body == null ? null : JSON.writeValueAsBytes(body);

        for (var p : op.in("path")) {
            for (String bad : badPathValues(p.name(), op.resolve(p.schema()))) {
                Map<String, String> values = new LinkedHashMap<>(pathValues);
                values.put(p.name(), bad);
                cases.add(new HostileCase(op, "path " + p.name(), op.method(), fill(op.path(), values, true), Map.of(),
                        bodyBytes, true));
            }
        }
        String path = fill(op.path(), pathValues, false);
        for (var q : op.in("query")) {
            for (var bad : badQueryValues(op.resolve(q.schema()), q.name())) {
                if (op.writes() && !bad.mustRefuse()) {
                    continue;
                }
                cases.add(new HostileCase(op, "query " + q.name(), op.method(), path + "?" + q.name() + "=" + bad.value(),
                        Map.of(), bodyBytes, bad.mustRefuse()));
            }
        }
        if (op.bodySchema() != null) {
            cases.addAll(bodyCases(op, path, body));
        }
        cases.addAll(headerCases(op, path, bodyBytes));
        return cases;
    }

    /** A request that passes authentication and is refused by validation: the probe for which role to use. */
    HostileCase probe(Operation op) {
        Map<String, String> values = new LinkedHashMap<>();
        op.in("path").forEach(p -> values.put(p.name(), UUID.randomUUID().toString()));
        byte[] body = op.bodySchema() == null ? null : "{".getBytes(StandardCharsets.UTF_8);
        return new HostileCase(op, "probe", op.method(), fill(op.path(), values, false), Map.of(), body, body != null);
    }

    private List<HostileCase> bodyCases(Operation op, String path, JsonNode body) {
        List<HostileCase> cases = new ArrayList<>();
        String whole = JSON.writeValueAsString(body);
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("malformed JSON", "{\"");
        broken.put("truncated JSON", whole.substring(0, Math.max(1, whole.length() / 2)));
        broken.put("array instead of object", "[]");
        broken.put("string instead of object", "\"hostile\"");
        broken.put("number instead of object", "12");
        broken.put("JSON null", "null");
        broken.put("empty body", "");
        broken.put("nesting 10,000 deep", "[".repeat(10_000) + "]".repeat(10_000));
        broken.put("body over the size limit", "{\"pad\":\"" + "x".repeat(1_500_000) + "\"}");
        broken.put("unknown JSON token", "{\"a\": NaN, \"b\": undefined}");
        broken.forEach((kind, text) -> cases.add(new HostileCase(op, kind, op.method(), path,
                Map.of("Content-Type", "application/json"), text.getBytes(StandardCharsets.UTF_8), true)));
        byte[] invalidUtf8 = whole.replaceFirst("\"hostile\"", "\"\u0001\"").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < invalidUtf8.length; i++) {
            if (invalidUtf8[i] == 1) {
                invalidUtf8[i] = (byte) 0xC3;
            }
        }
        if (whole.contains("\"hostile\"")) {
            cases.add(new HostileCase(op, "invalid UTF-8", op.method(), path, Map.of("Content-Type", "application/json"),
                    invalidUtf8, true));
        }
        cases.add(new HostileCase(op, "text/plain body", op.method(), path, Map.of("Content-Type", "text/plain"),
                whole.getBytes(StandardCharsets.UTF_8), true));

        for (Slot slot : slots(op, op.bodySchema(), "", true, 0)) {
            for (String raw : badValues(slot)) {
                ObjectNode copy = (ObjectNode) body.deepCopy();
                set(copy, slot.pointer(), raw);
                String text = JSON.writeValueAsString(copy).replace("\"" + RAW + "\"", raw.substring(RAW.length()));
                cases.add(new HostileCase(op, "field " + slot.pointer() + " = " + abbreviate(raw.substring(RAW.length())),
                        op.method(), path, Map.of("Content-Type", "application/json"),
                        text.getBytes(StandardCharsets.UTF_8), true));
            }
        }
        return cases;
    }

    private List<HostileCase> headerCases(Operation op, String path, byte[] body) {
        List<HostileCase> cases = new ArrayList<>();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("garbage bearer token", "Bearer not.a.token");
        tokens.put("unsigned token (alg none)", "Bearer " + unsignedToken);
        tokens.put("token with a tampered signature", "Bearer " + tamperedToken);
        tokens.put("empty bearer", "Bearer ");
        tokens.forEach((kind, value) -> cases.add(new HostileCase(op, kind, op.method(), path,
                headers(body, "Authorization", value), body, true)));
        // Credentials of a scheme nobody here speaks: an open operation may ignore them, the others refuse.
        cases.add(new HostileCase(op, "basic credentials", op.method(), path,
                headers(body, "Authorization", "Basic YWRtaW46YWRtaW4="), body, false));
        if (op.writes() && body != null && !op.service().equals("gateway")) {
            Map<String, String> keys = new LinkedHashMap<>();
            keys.put("empty Idempotency-Key", "");
            keys.put("Idempotency-Key of 300 characters", "k".repeat(300));
            keys.put("non-ASCII Idempotency-Key", "caf\u00e9-1");
            keys.forEach((kind, value) -> cases.add(new HostileCase(op, kind, op.method(), path,
                    headers(body, "Idempotency-Key", value), body, true)));
        }
        if (!op.writes() && !op.streams()) {
            for (String prefer : List.of("wait=abc", "wait=99999999999999999999", "wait=-5", "wait=1e9")) {
                cases.add(new HostileCase(op, "Prefer " + prefer, op.method(), path, Map.of("Prefer", prefer), null, false));
            }
        }
        return cases;
    }

    private static Map<String, String> headers(byte[] body, String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        headers.put(name, value);
        return headers;
    }

    // ---- values

    private record Slot(String pointer, JsonNode schema, boolean required) {
    }

    private record QueryValue(String value, boolean mustRefuse) {
    }

    private List<Slot> slots(Operation op, JsonNode schemaRef, String pointer, boolean required, int depth) {
        List<Slot> slots = new ArrayList<>();
        JsonNode schema = op.resolve(schemaRef);
        if (!pointer.isEmpty()) {
            slots.add(new Slot(pointer, schema, required));
        }
        if (depth > 4) {
            return slots;
        }
        if (schema.has("properties")) {
            List<String> requiredNames = new ArrayList<>();
            schema.path("required").forEach(n -> requiredNames.add(n.asString()));
            for (var property : schema.path("properties").properties()) {
                slots.addAll(slots(op, property.getValue(), pointer + "/" + property.getKey(),
                        requiredNames.contains(property.getKey()), depth + 1));
            }
        } else if ("array".equals(schema.path("type").asString()) && schema.has("items")) {
            slots.addAll(slots(op, schema.path("items"), pointer + "/0", true, depth + 1));
        }
        return slots;
    }

    /** Values no field of its type may accept; each is written raw into the JSON text, after the marker. */
    private List<String> badValues(Slot slot) {
        List<String> values = new ArrayList<>();
        String type = slot.schema().path("type").asString();
        String format = slot.schema().path("format").asString();
        if (slot.required()) {
            values.add("null");
        }
        switch (type) {
            case "string" -> {
                values.addAll(List.of("{\"a\":1}", "\"a\\u0000b\"", "\"a\\u001bb\"", "\"\\ud800\"",
                        "\"" + LONG_TEXT + "\""));
                switch (format) {
                    case "uuid" -> values.addAll(List.of("\"not-a-uuid\"", "\"12345678-1234-1234-1234-1234567890123\""));
                    case "date-time" -> values.addAll(List.of("\"+999999999-12-31T23:59:59Z\"",
                            "\"-999999999-01-01T00:00:00Z\"", "1700000000", "\"2026-13-45T99:61:00Z\""));
                    case "email" -> values.add("\"not-an-email\"");
                    default -> { }
                }
            }
            case "integer" -> {
                values.addAll(List.of("\"abc\"", "99999999999999999999999", "1e400", "[1]"));
                if (!"int64".equals(format)) {
                    values.add("2147483648");
                }
            }
            case "number" -> values.addAll(List.of("\"abc\"", "1e400", "-1e400", "\"NaN\"", "[1]"));
            case "boolean" -> values.addAll(List.of("\"maybe\"", "{\"a\":1}"));
            case "array" -> values.addAll(List.of("{\"a\":1}", "[null]", longList(slot)));
            default -> {
                if (slot.schema().has("properties")) {
                    values.addAll(List.of("[1,2]", "\"hostile\""));
                }
            }
        }
        return values.stream().map(v -> RAW + v).toList();
    }

    private String longList(Slot slot) {
        String item = JSON.writeValueAsString(base(null, slot.schema().path("items"), "", 0));
        return "[" + String.join(",", java.util.Collections.nCopies(LONG_LIST, item)) + "]";
    }

    private static List<String> badPathValues(String name, JsonNode schema) {
        List<String> values = new ArrayList<>(List.of("%00", "%1B", "%ZZ", "a".repeat(2_000), "..%2F..%2Factuator",
                "%F0%28%8C%BC"));
        if (looksLikeId(name, schema)) {
            values.addAll(List.of("not-a-uuid", "12345678-1234-1234-1234-1234567890123", "-1"));
        }
        return values;
    }

    private static List<QueryValue> badQueryValues(JsonNode schema, String name) {
        List<QueryValue> values = new ArrayList<>(List.of(new QueryValue("%00", true), new QueryValue("%1B", true),
                new QueryValue("x".repeat(3_000), true), new QueryValue("%F0%28%8C%BC", true)));
        String type = schema.path("type").asString();
        if ("integer".equals(type) || "boolean".equals(type) || "number".equals(type)) {
            values.addAll(List.of(new QueryValue("abc", true), new QueryValue("99999999999999999999", true),
                    new QueryValue("1e400", true), new QueryValue("-1", false), new QueryValue("", false)));
        }
        if (List.of("from", "to", "after", "before", "since", "until").contains(name)) {
            values.addAll(List.of(new QueryValue(encode("+999999999-12-31T23:59:59Z"), false),
                    new QueryValue(encode("-999999999-01-01T00:00:00Z"), false), new QueryValue("1700000000", false),
                    new QueryValue("not-a-date", false)));
        }
        return values;
    }

    private static boolean looksLikeId(String name, JsonNode schema) {
        return "uuid".equals(schema.path("format").asString()) || name.equals("id") || name.endsWith("Id");
    }

    /** A plausible request body: every property present, existing ids where the name says which kind. */
    private JsonNode base(Operation op, JsonNode schemaRef, String name, int depth) {
        JsonNode schema = op == null ? schemaRef : op.resolve(schemaRef);
        if (op == null && schemaRef.has("$ref")) {
            return NODES.stringNode("hostile");
        }
        if (schema.has("properties")) {
            ObjectNode object = NODES.objectNode();
            if (depth < 5) {
                for (var property : schema.path("properties").properties()) {
                    object.set(property.getKey(), base(op, property.getValue(), property.getKey(), depth + 1));
                }
            }
            return object;
        }
        String type = schema.path("type").asString();
        return switch (type) {
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                array.add(base(op, schema.path("items"), singular(name), depth + 1));
                yield array;
            }
            case "integer" -> name.toLowerCase().contains("category") ? NODES.numberNode(seeds.categoryId())
                    : NODES.numberNode(1);
            case "number" -> NODES.numberNode(30.5);
            case "boolean" -> NODES.booleanNode(false);
            default -> NODES.stringNode(baseText(name, schema));
        };
    }

    private String baseText(String name, JsonNode schema) {
        if (schema.has("enum")) {
            return schema.path("enum").path(0).asString();
        }
        String format = schema.path("format").asString();
        String lower = name.toLowerCase();
        if ("date-time".equals(format)) {
            return "2026-11-11T10:00:00+08:00";
        }
        if ("email".equals(format)) {
            return "hostile@example.com";
        }
        if (lower.startsWith("sku")) {
            return seeds.skuId();
        }
        if (lower.startsWith("product")) {
            return seeds.productId();
        }
        if (lower.startsWith("brand")) {
            return seeds.brandId();
        }
        if (lower.startsWith("store")) {
            return seeds.storeId();
        }
        if (lower.equals("currency")) {
            return "CNY";
        }
        if ("uuid".equals(format) || lower.equals("id") || lower.endsWith("id")) {
            return UUID.randomUUID().toString();
        }
        return "hostile";
    }

    private static String singular(String name) {
        return name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
    }

    private static void set(ObjectNode root, String pointer, String raw) {
        String[] steps = pointer.substring(1).split("/");
        JsonNode parent = root;
        for (int i = 0; i < steps.length - 1; i++) {
            parent = parent.isArray() ? parent.path(Integer.parseInt(steps[i])) : parent.path(steps[i]);
        }
        String last = steps[steps.length - 1];
        if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), NODES.stringNode(RAW));
        } else if (parent instanceof ObjectNode object) {
            object.put(last, RAW);
        }
    }

    private static String fill(String template, Map<String, String> values, boolean raw) {
        String path = template;
        for (var entry : values.entrySet()) {
            String value = raw ? entry.getValue() : encode(entry.getValue());
            path = path.replace("{" + entry.getKey() + "}", value);
        }
        return path;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String raw) {
        return raw.length() <= 40 ? raw : raw.substring(0, 30) + "...(" + raw.length() + " chars)";
    }
}
