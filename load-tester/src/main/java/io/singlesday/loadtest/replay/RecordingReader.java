package io.singlesday.loadtest.replay;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Reads a recording and refuses to send garbage: every line must be a complete request of a known version. A bad
 * line stops the read with its number and reason, or, when asked, is skipped and reported.
 */
public final class RecordingReader {

    public enum BadLines { STOP, SKIP }

    public record Recording(List<RecordedRequest> requests, List<String> skipped) {
    }

    public static final class BadRecording extends RuntimeException {
        BadRecording(String message) {
            super(message);
        }
    }

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> ROLES = Set.of("SHOPPER", "BRAND", "OPERATOR");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RecordingReader() {
    }

    public static Recording read(Path file, BadLines policy) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        boolean endsWithNewline = text.endsWith("\n");
        List<RecordedRequest> requests = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int last = endsWithNewline ? lines.length - 1 : lines.length;
        for (int i = 0; i < last; i++) {
            int number = i + 1;
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                requests.add(parse(number, lines[i], !endsWithNewline && i == last - 1));
            } catch (BadRecording bad) {
                if (policy == BadLines.STOP) {
                    throw bad;
                }
                skipped.add(bad.getMessage());
            }
        }
        requests.sort(Comparator.comparing(RecordedRequest::at).thenComparingInt(RecordedRequest::line));
        return new Recording(List.copyOf(requests), List.copyOf(skipped));
    }

    static RecordedRequest parse(int number, String line, boolean lastWithoutNewline) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JacksonException e) {
            throw new BadRecording("line " + number + ": " + (lastWithoutNewline
                    ? "truncated (the file ends inside this line)" : "not JSON: " + e.getOriginalMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new BadRecording("line " + number + ": not a JSON object");
        }
        if (node.path("v").asInt(0) != 1) {
            throw new BadRecording("line " + number + ": unknown recording version " + node.path("v"));
        }
        if (node.path("bodyTruncated").asBoolean(false)) {
            throw new BadRecording("line " + number + ": the body was too large to record, so it cannot be replayed");
        }
        Instant at;
        try {
            at = Instant.parse(text(node, "at", number));
        } catch (DateTimeParseException e) {
            throw new BadRecording("line " + number + ": at is not an ISO instant");
        }
        String method = text(node, "method", number);
        if (!METHODS.contains(method)) {
            throw new BadRecording("line " + number + ": unknown method " + method);
        }
        String path = text(node, "path", number);
        if (!path.startsWith("/api/") && !path.startsWith("/dashboard")) {
            throw new BadRecording("line " + number + ": path must start with /api/ or /dashboard, not " + path);
        }
        String subject = optional(node, "subject");
        String role = optional(node, "role");
        if (subject != null && (role == null || !ROLES.contains(role))) {
            throw new BadRecording("line " + number + ": a caller needs a role of " + ROLES);
        }
        return new RecordedRequest(number, at, optional(node, "route"), method, path, subject, role,
                optional(node, "brandId"), optional(node, "idempotencyKey"), optional(node, "prefer"),
                optional(node, "contentType"), optional(node, "body"),
                node.path("status").isNumber() ? node.path("status").asInt() : null);
    }

    private static String text(JsonNode node, String field, int number) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw new BadRecording("line " + number + ": missing " + field);
        }
        return value.asString();
    }

    private static String optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
