package io.singlesday.launcher;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * How to run the stack. Ports of 0 are picked free (the end-to-end test does that); the defaults are the
 * fixed ports the README lists.
 */
record StackOptions(Path home, Path dataDir, boolean fresh, int kafkaPort, int postgresPort,
                    Map<String, Integer> servicePorts, OffsetDateTime clockStart, double clockSpeed,
                    String serviceJvmOptions) {

    /**
     * Small heaps and the serial collector (seven JVMs share two cores), with the full tiered JIT: C1 alone starts
     * a little faster but leaves every request on code that costs two to three times the CPU of C2's
     * (docs/benchmarks.md). Two compiler threads per JVM keep the warm-up from starving the cores.
     */
    static final String DEFAULT_JVM_OPTIONS = String.join(" ",
            "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-Xss512k", "-XX:MaxMetaspaceSize=192m",
            "-XX:ReservedCodeCacheSize=96m", "-XX:CICompilerCount=2", "-XX:+ExitOnOutOfMemoryError");

    int portOf(ServiceSpec spec) {
        return servicePorts.getOrDefault(spec.module(), spec.defaultPort());
    }
}
