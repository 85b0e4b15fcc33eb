package io.singlesday.launcher;

import java.io.PrintStream;

/** What a newcomer needs once the stack is up: where everything is and how to get a token. */
final class Banner {

    private Banner() {
    }

    static void print(PrintStream out, LocalStack stack, StackOptions options) {
        ServiceProcess gateway = stack.process(ServiceSpec.GATEWAY.module());
        long totalKib = 0;
        out.printf("%nThe 11.11 festival is running (all healthy after %.1f s).%n%n", stack.startupTime().toMillis() / 1000.0);
        out.printf("  %-22s %s%n", "Gateway", gateway.url());
        out.printf("  %-22s %s/dashboard/%n", "Operator dashboard", gateway.url());
        out.printf("  %-22s %s/api/clock%n", "Festival clock", gateway.url());
        out.printf("  %-22s %s/actuator/health/services%n", "Platform health", gateway.url());
        out.printf("  %-22s %s (127.0.0.1 only; the chaos day's: festival day --chaos all)%n", "Fault switch", stack.faultUrl());
        out.println();
        out.printf("  %-22s %-24s %-40s %s%n", "Process", "URL", "OpenAPI", "Resident memory");
        for (ServiceProcess p : stack.processes()) {
            long kib = p.residentKib();
            totalKib += Math.max(0, kib);
            out.printf("  %-22s %-24s %-40s %s%n", p.name(), p.url(),
                    p.spec().isGateway() ? "-" : p.url() + "/swagger-ui.html", kib < 0 ? "?" : (kib / 1024) + " MiB");
        }
        long launcherKib = Runtime.getRuntime().totalMemory() / 1024;
        out.printf("  %-22s %-24s %-40s %s%n", "Kafka + launcher", stack.kafkaBootstrapServers(), "-",
                "heap " + launcherKib / 1024 + " MiB");
        out.printf("  Services' resident memory in total: %d MiB%n", totalKib / 1024);
        out.printf("%nA token (SHOPPER, BRAND with a brand id, or OPERATOR):%n");
        out.printf("  ./festival token alice SHOPPER%n");
        out.printf("  curl -s -X POST %s/dev/tokens -H 'Content-Type: application/json' \\%n", gateway.url());
        out.printf("       -d '{\"subject\":\"alice\",\"role\":\"SHOPPER\"}'%n");
        out.printf("%nLogs: %s   Ctrl-C stops everything.%n", options.dataDir().resolve("logs"));
    }
}
