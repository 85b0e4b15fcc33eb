package io.singlesday.loadtest.gatling;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The chaos day's faults, asked of the local stack's fault switch (the launcher's {@code /faults}) while the load
 * runs: spaced evenly between a tenth and nine tenths of the load window, one after another, each waiting until its
 * target serves again. What each did and how long its target was gone goes into the summary; a fault the switch
 * could not inject or recover from fails the verdict.
 */
final class Chaos {

    /** Every process of the platform, the broker and the database, in the order a chaos day hits them. */
    static final List<String> ALL = List.of("catalog-service", "coupon-service", "order-service", "livestream-service",
            "logistics-service", "gmv-counter-service", "gateway", "kafka", "postgres");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Fault(String target, double atSeconds, String how, long outageMs, String error) {

        boolean recovered() {
            return error == null;
        }
    }

    private final URI faults;
    private final List<String> targets;
    private final List<Fault> done = Collections.synchronizedList(new ArrayList<>());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Thread runner;

    Chaos(URI faults, List<String> targets) {
        this.faults = faults;
        this.targets = List.copyOf(targets);
    }

    /** {@code all} or a comma-separated list of targets; empty means no chaos. */
    static List<String> parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return List.of();
        }
        if (spec.equals("all")) {
            return ALL;
        }
        List<String> targets = new ArrayList<>();
        for (String t : spec.split(",")) {
            String target = t.trim();
            // A service's further instances (./festival --replicas N) are named order-service-2 and so on.
            String service = target.replaceFirst("-[2-9]$", "");
            if (!ALL.contains(target) && !(ALL.contains(service) && service.endsWith("-service"))) {
                throw new IllegalArgumentException("chaos target must be 'all' or among " + ALL
                        + " (a further instance of a service as order-service-2), not '" + target + "'");
            }
            targets.add(target);
        }
        return targets;
    }

    /** When each fault is due, seconds into the load window. */
    static List<Double> schedule(int faults, double windowSeconds) {
        List<Double> at = new ArrayList<>();
        for (int i = 0; i < faults; i++) {
            at.add(windowSeconds * (faults == 1 ? 0.5 : 0.1 + 0.8 * i / (faults - 1)));
        }
        return at;
    }

    /** Starts injecting in the background; {@code startedNanos} is the load window's start. */
    void start(long startedNanos, double windowSeconds) {
        List<Double> at = schedule(targets.size(), windowSeconds);
        runner = Thread.ofPlatform().daemon().name("chaos").start(() -> {
            for (int i = 0; i < targets.size(); i++) {
                long due = startedNanos + Math.round(at.get(i) * 1e9);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(Duration.ofNanos(wait));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                done.add(inject(targets.get(i), (System.nanoTime() - startedNanos) / 1e9));
            }
        });
    }

    private Fault inject(String target, double atSeconds) {
        System.out.printf(Locale.ROOT, "Chaos at %.0f s: %s%n", atSeconds, target);
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(faults + "/" + target))
                    .timeout(Duration.ofMinutes(4)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(answer.body());
            if (answer.statusCode() != 200) {
                return new Fault(target, atSeconds, "-", -1, "the fault switch answered " + answer.statusCode() + ": "
                        + body.path("detail").asString());
            }
            Fault fault = new Fault(target, atSeconds, body.path("how").asString(), body.path("outageMs").asLong(), null);
            System.out.printf(Locale.ROOT, "Chaos: %s back after %.1f s%n", target, fault.outageMs() / 1000.0);
            return fault;
        } catch (java.io.IOException e) {
            return new Fault(target, atSeconds, "-", -1, "no fault switch at " + faults + " (" + e.getMessage()
                    + "): the chaos day needs the local stack (./festival)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Fault(target, atSeconds, "-", -1, "interrupted");
        }
    }

    /** Waits for the faults still due (bounded), then lists all of them. */
    List<Fault> finish(Duration patience) {
        if (runner != null) {
            try {
                runner.join(patience);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            runner.interrupt();
        }
        List<Fault> all = new ArrayList<>(done);
        for (int i = all.size(); i < targets.size(); i++) {
            all.add(new Fault(targets.get(i), -1, "-", -1, "not injected before the run ended"));
        }
        return all;
    }

    boolean enabled() {
        return !targets.isEmpty();
    }
}
