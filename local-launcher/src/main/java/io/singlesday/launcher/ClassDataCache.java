package io.singlesday.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts services from an extracted copy of their jar with a JVM class-data archive (CDS) that the JVM writes
 * when the service exits and maps on the next start: class loading is most of what seven Spring Boot JVMs
 * spend on two cores. A rebuilt jar is extracted again and its archive made anew.
 */
final class ClassDataCache {

    /** Instances of one service start side by side: one extracts the jar, the others wait for it. */
    private static final java.util.Map<String, Object> EXTRACTING = new java.util.concurrent.ConcurrentHashMap<>();

    private ClassDataCache() {
    }

    /**
     * The command-line tail that runs {@code bootJar}: with the cache, or plainly when it cannot be used. Only one JVM
     * per jar may write the archive ({@code writer}); further instances map it when it is there.
     */
    static List<String> launch(String java, Path bootJar, Path cacheDir, boolean writer) {
        String module = bootJar.getFileName().toString().replaceFirst("\\.jar$", "");
        Path dir = cacheDir.resolve(module);
        Path app = dir.resolve("app");
        Path extracted = app.resolve(module + ".jar");
        synchronized (EXTRACTING.computeIfAbsent(module, m -> new Object())) {
            List<String> plainly = extractIfStale(java, bootJar, dir, app, extracted);
            if (plainly != null) {
                return plainly;
            }
        }
        Path archive = dir.resolve("classes.jsa");
        if (!writer) {
            return Files.exists(archive)
                    ? List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-jar", extracted.toString())
                    : List.of("-jar", extracted.toString());
        }
        return List.of("-XX:SharedArchiveFile=" + archive, "-XX:+AutoCreateSharedArchive",
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-jar", extracted.toString());
    }

    /** Extracts the jar when its copy is missing or older; answers the plain command when that failed, else null. */
    private static List<String> extractIfStale(String java, Path bootJar, Path dir, Path app, Path extracted) {
        try {
            if (!Files.exists(extracted) || Files.getLastModifiedTime(extracted).compareTo(Files.getLastModifiedTime(bootJar)) < 0) {
                deleteRecursively(dir);
                Files.createDirectories(dir);
                Process extract = new ProcessBuilder(java, "-Djarmode=tools", "-jar", bootJar.toString(), "extract",
                        "--destination", app.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("extract.log").toFile())
                        .start();
                if (!extract.waitFor(60, TimeUnit.SECONDS) || extract.exitValue() != 0) {
                    return List.of("-jar", bootJar.toString());
                }
                Files.setLastModifiedTime(extracted, Files.getLastModifiedTime(bootJar));
            }
        } catch (IOException e) {
            return List.of("-jar", bootJar.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("-jar", bootJar.toString());
        }
        return null;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
