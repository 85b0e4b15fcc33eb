package io.singlesday.launcher;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The documents under k8s/: as written (the base and each component's own resources) and as kustomize renders an
 * overlay ({@code kubectl kustomize}, where kubectl is on the PATH; it is on this project's build machines).
 */
final class Manifests {

    static final Path HOME = Path.of(System.getProperty("festival.home", "..")).toAbsolutePath().normalize();
    static final Path K8S = HOME.resolve("k8s");
    static final List<String> OVERLAYS = List.of("local", "festival");
    private static final YAMLMapper yaml = new YAMLMapper();

    private Manifests() {
    }

    /** Every resource file of the base and of the components, not the kustomizations that assemble them. */
    static List<JsonNode> written() {
        List<JsonNode> documents = new ArrayList<>();
        for (Path dir : resourceDirectories()) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("kustomization.yaml")).sorted().toList()) {
                    documents.addAll(parse(Files.readString(file)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return documents;
    }

    static List<Path> resourceDirectories() {
        List<Path> dirs = new ArrayList<>(List.of(K8S.resolve("base")));
        dirs.addAll(components());
        return dirs;
    }

    static List<Path> components() {
        try (Stream<Path> dirs = Files.list(K8S.resolve("components"))) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<Path> kubectl() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(dir -> Path.of(dir, "kubectl")).filter(Files::isExecutable).findFirst();
    }

    /** The overlay as {@code kubectl kustomize} renders it. */
    static List<JsonNode> rendered(String overlay) {
        Path kubectl = kubectl().orElseThrow();
        try {
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", K8S.resolve("overlays").resolve(overlay).toString())
                    .redirectErrorStream(false).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize k8s/overlays/" + overlay + " failed: " + err);
            }
            return parse(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static JsonNode kustomization(Path dir) {
        try {
            return yaml.readTree(Files.readString(dir.resolve("kustomization.yaml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> parse(String text) {
        try (var parser = yaml.createParser(text)) {
            return yaml.readValues(parser, JsonNode.class).readAll().stream()
                    .filter(d -> d != null && !d.isMissingNode() && !d.isNull()).toList();
        }
    }

    static List<JsonNode> ofKind(List<JsonNode> documents, String kind) {
        return documents.stream().filter(d -> d.path("kind").asString().equals(kind)).toList();
    }

    static JsonNode find(List<JsonNode> documents, String kind, String name) {
        return ofKind(documents, kind).stream().filter(d -> d.path("metadata").path("name").asString().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    static String where(JsonNode doc) {
        return doc.path("kind").asString() + " " + doc.path("metadata").path("name").asString();
    }
}
