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

    private ClassDataCache() {
    }

    /** The command-line tail that runs {@code bootJar}: with the cache, or plainly when it cannot be used. */
    static List<String> launch(String java, Path bootJar, Path cacheDir) {
        String module = bootJar.getFileName().toString().replaceFirst("\\.jar$", "");
        Path dir = cacheDir.resolve(module);
        Path app = dir.resolve("app");
        Path extracted = app.resolve(module + ".jar");
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
        return List.of("-XX:SharedArchiveFile=" + dir.resolve("classes.jsa"), "-XX:+AutoCreateSharedArchive",
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-jar", extracted.toString());
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
