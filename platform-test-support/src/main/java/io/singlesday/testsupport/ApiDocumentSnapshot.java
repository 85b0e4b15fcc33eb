package io.singlesday.testsupport;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The documents api-client generates its Java client from are the ones the services serve: each service's contract
 * test compares what it serves with the kept copy in {@code api-client/src/main/openapi}, so an endpoint changed without
 * the client seeing it fails the build where it was changed. Both sides are written in one canonical form (keys sorted,
 * groups by name, the project's version) so that a difference is a difference of the API, and a changed
 * document is left in {@code target/openapi} to be reviewed and copied over.
 */
public final class ApiDocumentSnapshot {

    private static final JsonMapper json = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).enable(SerializationFeature.INDENT_OUTPUT).build();

    private ApiDocumentSnapshot() {
    }

    /** The canonical form of a served document. */
    @SuppressWarnings("unchecked")
    public static String canonical(String document) {
        Map<String, Object> tree = json.readValue(document, Map.class);
        Object info = tree.get("info");
        String version = System.getProperty("festival.version");
        if (info instanceof Map<?, ?> map && version != null) {
            ((Map<String, Object>) map).put("version", version);
        }
        if (tree.get("tags") instanceof List<?> tags) {
            tree.put("tags", tags.stream().map(t -> (Map<String, Object>) t)
                    .sorted(Comparator.comparing(t -> String.valueOf(t.get("name")))).toList());
        }
        return json.writeValueAsString(tree) + "\n";
    }

    /** The kept copy for this document name ({@code orders}, {@code catalog}...), read from the repository. */
    public static Path kept(String name) {
        Path root = Path.of(System.getProperty("festival.home", "..")).toAbsolutePath().normalize();
        return root.resolve("api-client/src/main/openapi/" + name + ".json");
    }

    /** Where a served document that differs is left for review. */
    public static Path served(String name, String canonical) throws IOException {
        Path out = Path.of("target/openapi/" + name + ".json").toAbsolutePath();
        Files.createDirectories(out.getParent());
        Files.writeString(out, canonical, StandardCharsets.UTF_8);
        return out;
    }
}
