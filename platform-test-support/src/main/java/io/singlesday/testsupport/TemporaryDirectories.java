package io.singlesday.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** What a test made under the temporary directory goes when it is done: engines' data runs to gigabytes per run. */
public final class TemporaryDirectories {

    private TemporaryDirectories() {
    }

    /** Deletes {@code dir} and everything under it; what cannot be deleted (a file still open) is left, not fatal. */
    public static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left for the system's own clean-up of its temporary directory
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a tree changing under the walk: what was deleted stays deleted
        }
    }
}
