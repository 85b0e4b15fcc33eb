package io.singlesday.testsupport;

import org.testcontainers.DockerClientFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Asks for a Docker engine with a time limit: a socket that accepts and never answers would hang forever. */
final class DockerProbe {

    private DockerProbe() {
    }

    static boolean dockerAnswers() {
        try {
            return CompletableFuture.supplyAsync(() -> DockerClientFactory.instance().isDockerAvailable())
                    .get(5, TimeUnit.SECONDS);
        } catch (Exception | LinkageError e) {
            return false;
        }
    }
}
