package io.singlesday.launcher;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * How to run the stack. Ports of 0 are picked free (the end-to-end test does that); the defaults are the
 * fixed ports the README lists. A Zipkin port of {@link #NO_TRACING} runs no tracing backend; {@code faultPort} is
 * the chaos day's fault switch on the loopback interface ({@link FaultServer}).
 */
record StackOptions(Path home, Path dataDir, boolean fresh, int kafkaPort, int postgresPort,
                    Map<String, Integer> servicePorts, OffsetDateTime clockStart, double clockSpeed,
                    String serviceJvmOptions, String gatewayJvmOptions, int zipkinPort, int faultPort,
                    Map<String, Integer> replicas) {

    /** The most instances of one service the launcher starts: each is a JVM of about 300 MiB on the same cores. */
    static final int MAX_REPLICAS = 4;

    /** Every instance apart from a service's first listens this far above the one before it (8081, 8181, ...). */
    static final int REPLICA_PORT_STEP = 100;

    StackOptions {
        replicas = replicas == null ? Map.of() : Map.copyOf(replicas);
        replicas.forEach((module, count) -> {
            if (count < 1 || count > MAX_REPLICAS) {
                throw new IllegalArgumentException("--replicas must be 1 to " + MAX_REPLICAS + ", not " + count);
            }
        });
    }

    /** The same number of instances of every service (the gateway stays one: it is the front door's address). */
    static Map<String, Integer> replicasOfEveryService(int count) {
        Map<String, Integer> replicas = new java.util.HashMap<>();
        ServiceSpec.SERVICES.forEach(spec -> replicas.put(spec.module(), count));
        return replicas;
    }

    int replicasOf(ServiceSpec spec) {
        return spec.isGateway() ? 1 : replicas.getOrDefault(spec.module(), 1);
    }

    /** {@link #zipkinPort} when no tracing backend is wanted. */
    static final int NO_TRACING = -1;

    boolean tracing() {
        return zipkinPort != NO_TRACING;
    }

    /**
     * The six services' options. Small heaps, the serial collector and the C1 JIT alone: seven JVMs share two cores
     * here. The full tiered JIT (C2) makes hot code cheaper, but its compiler threads took 24 to 29 CPU-seconds per
     * JVM in the first seven minutes of load, a third of the machine, so over any run this machine can do, C1
     * confirmed more checkouts (docs/benchmarks.md). On more cores set FESTIVAL_SERVICE_JVM_OPTS without
     * -XX:TieredStopAtLevel=1.
     */
    static final String DEFAULT_JVM_OPTIONS = String.join(" ",
            "-Xms32m", "-Xmx320m", "-XX:+UseSerialGC", "-Xss512k", "-XX:MaxMetaspaceSize=192m",
            "-XX:ReservedCodeCacheSize=64m", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError");

    /**
     * The gateway alone gets the full tiered JIT: every request passes through it, and with C2 its own answers cost
     * about a third and a proxied call about half the CPU they cost with C1 once warm (docs/benchmarks.md), which pays
     * for one JVM's compiler threads within minutes of load. The services keep C1: seven C2 compilers would not.
     */
    static final String GATEWAY_JVM_OPTIONS = String.join(" ",
            "-Xms64m", "-Xmx320m", "-XX:+UseSerialGC", "-Xss512k", "-XX:MaxMetaspaceSize=192m",
            "-XX:ReservedCodeCacheSize=96m", "-XX:+ExitOnOutOfMemoryError");

    String jvmOptionsOf(ServiceSpec spec) {
        return spec.equals(ServiceSpec.GATEWAY) ? gatewayJvmOptions : serviceJvmOptions;
    }

    int portOf(ServiceSpec spec) {
        return servicePorts.getOrDefault(spec.module(), spec.defaultPort());
    }

    /** Instance 1 is {@link #portOf(ServiceSpec)}; a further one has its own entry or lies a step above the one before. */
    int portOf(ServiceSpec spec, int instance) {
        if (instance == 1) {
            return portOf(spec);
        }
        return servicePorts.getOrDefault(ServiceProcess.name(spec, instance), portOf(spec) + REPLICA_PORT_STEP * (instance - 1));
    }
}
