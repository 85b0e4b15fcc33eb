package io.singlesday.launcher;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The main command: {@code run} starts the whole festival and waits for Ctrl-C; {@code token} asks the
 * running gateway for a token. Run through {@code ./festival}, which builds the jars and finds a JDK 21+.
 */
public final class LocalFestival {

    private static final String USAGE = """
            Usage: festival [run] [--fresh] [--data DIR] [--no-load] [--clock-start ISO_TIME] [--speed N] [--tracing]
                                  [--replicas N]
                   festival token SUBJECT SHOPPER|BRAND|OPERATOR [BRAND_ID]
                   festival day [--peak N] [--compression N] [--minutes N] [--steady R] [--rush-share F] [--eve S]
                                [--shoppers N] [--chaos all|TARGET,...] [--brushing SHARE] [--target URL] [--results DIR]
                   festival replay FILE [--speed N]
                   festival curve [PEAK [COMPRESSION]]

              run             start Kafka, PostgreSQL, every service and the gateway, then play a gentle festival
                              day against them (the day in 24 minutes); Ctrl-C stops them all
              --fresh         forget all data of earlier runs
              --data DIR      where data and logs live (default .festival)
              --no-load       start quietly, without the gentle day
              --clock-start   set festival time now, e.g. 2026-11-10T23:55:00+08:00 (no gentle day: it sets the clock)
              --speed N       festival seconds per real second (60 plays the day in 24 minutes; no gentle day)
              --tracing       also run Zipkin (port ZIPKIN_PORT, 9411) and send every service's spans to it
              --replicas N    run N instances (1-4) of every service behind the one gateway, which spreads requests
                              over them and sends what one could not serve to another; instance 2 of a service
                              listens 100 above the first (8181-8186), instance 3 200 above, and so on
              token           print a bearer token from the running gateway's dev endpoint
              day             play the festival day (Gatling) against the running stack and print the verdict:
                              the year's curve at PEAK checkouts/s, COMPRESSION times faster, or --steady R per second
                              for --minutes; results and summary.md in --results (default load-results);
                              --chaos kills each service (SIGKILL), stops the broker and crashes PostgreSQL during
                              the run, spaced out, and lists each fault's outage in the summary; --brushing SHARE
                              makes that share of the stores fake sales through sock puppets and scores the detector
              replay          play a gateway recording (GATEWAY_RECORD_FILE) back against the stack, --speed times faster
              curve           print the day's checkout curve at PEAK per second and COMPRESSION
            Ports: GATEWAY_PORT (8080), KAFKA_PORT (19092), POSTGRES_PORT (15432), ZIPKIN_PORT (9411), FESTIVAL_FAULT_PORT (8079, the
                   chaos day's fault switch, on 127.0.0.1 only); services 8081-8086 (with --replicas: 8181-8186, ...).
            """;

    private LocalFestival() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // The embedded broker narrates its own start-up and shutdown at WARN; only errors matter here.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        System.setProperty("org.slf4j.simpleLogger.log.kafka", "error");
        String command = args.length > 0 && !args[0].startsWith("--") ? args[0] : "run";
        int exit = switch (command) {
            case "run" -> run(args, System.out);
            case "token" -> token(args, System.out);
            case "help", "-h", "--help" -> {
                System.out.print(USAGE);
                yield 0;
            }
            default -> {
                System.err.print("Unknown command '" + command + "'.\n" + USAGE);
                yield 2;
            }
        };
        System.exit(exit);
    }

    private static int run(String[] args, PrintStream out) throws InterruptedException {
        StackOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            return 2;
        }
        LocalStack stack;
        try {
            stack = LocalStack.start(options, out);
        } catch (RuntimeException e) {
            System.err.println("The festival did not start: " + e.getMessage());
            return 1;
        }
        LoadRun load = playsGentleDay(args) ? gentleDay(stack, options, out) : null;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("\nStopping the festival ...");
            if (load != null) {
                load.close();
            }
            stack.close();
            out.println("Stopped. Data kept in " + options.dataDir() + " (run with --fresh to forget it).");
            stopped.countDown();
        }, "festival-shutdown"));
        Banner.print(out, stack, options);
        if (load != null) {
            out.printf("%nA gentle festival day is playing (%s): the clock goes to the eve, midnight comes in 20 s.%n"
                    + "  Its log: %s; its summary and verdict when it ends: %s. Start with --no-load for a quiet stack.%n",
                    String.join(" ", LoadRun.GENTLE), load.log(), load.summary());
        }
        stopped.await();
        return 0;
    }

    /** The gentle day sets the festival clock, so a clock asked for on the command line means no gentle day. */
    static boolean playsGentleDay(String[] args) {
        List<String> given = List.of(args);
        return !given.contains("--no-load") && !given.contains("--clock-start") && !given.contains("--speed");
    }

    private static LoadRun gentleDay(LocalStack stack, StackOptions options, PrintStream out) {
        try {
            return LoadRun.start(options.home(), stack.process(ServiceSpec.GATEWAY.module()).url(), options.dataDir(),
                    LoadRun.GENTLE);
        } catch (RuntimeException e) {
            out.println("No gentle day: " + e.getMessage());
            return null;
        }
    }

    private static int token(String[] args, PrintStream out) throws Exception {
        if (args.length < 3) {
            System.err.print(USAGE);
            return 2;
        }
        String body = "{\"subject\":\"" + args[1] + "\",\"role\":\"" + args[2] + "\""
                + (args.length > 3 ? ",\"brandId\":\"" + args[3] + "\"" : "") + "}";
        int port = Integer.parseInt(System.getenv().getOrDefault("GATEWAY_PORT", "8080"));
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create("http://localhost:" + port + "/dev/tokens"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            System.err.println("No gateway answers on localhost:" + port + "; start the festival first (./festival).");
            return 1;
        }
        if (response.statusCode() != 200) {
            System.err.println("The gateway said " + response.statusCode() + ": " + response.body());
            return 1;
        }
        out.println(response.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1"));
        return 0;
    }

    static StackOptions parse(String[] args) {
        Path data = Path.of(".festival");
        boolean fresh = false;
        OffsetDateTime clockStart = null;
        double speed = 1.0;
        int zipkinPort = StackOptions.NO_TRACING;
        int replicas = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "run" -> { }
                case "--tracing" -> zipkinPort = envPort("ZIPKIN_PORT", StackDefaults.ZIPKIN_PORT);
                case "--fresh" -> fresh = true;
                case "--no-load" -> { }
                case "--data" -> data = Path.of(value(args, ++i, "--data"));
                case "--replicas" -> {
                    String given = value(args, ++i, "--replicas");
                    try {
                        replicas = Integer.parseInt(given);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--replicas must be a whole number from 1 to " + StackOptions.MAX_REPLICAS
                                + ", not '" + given + "'");
                    }
                }
                case "--clock-start" -> {
                    try {
                        clockStart = OffsetDateTime.parse(value(args, ++i, "--clock-start"));
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("--clock-start needs an ISO time with offset, e.g. 2026-11-10T23:55:00+08:00");
                    }
                }
                case "--speed" -> {
                    try {
                        speed = Double.parseDouble(value(args, ++i, "--speed"));
                    } catch (NumberFormatException e) {
                        speed = -1;
                    }
                    if (!(speed > 0 && speed <= 86_400)) {
                        throw new IllegalArgumentException("--speed must be a number in (0, 86400]");
                    }
                }
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        Map<String, Integer> ports = new HashMap<>();
        ports.put(ServiceSpec.GATEWAY.module(), envPort("GATEWAY_PORT", 8080));
        String jvm = System.getenv().getOrDefault("FESTIVAL_SERVICE_JVM_OPTS", StackOptions.DEFAULT_JVM_OPTIONS);
        String gatewayJvm = System.getenv().getOrDefault("FESTIVAL_GATEWAY_JVM_OPTS", StackOptions.GATEWAY_JVM_OPTIONS);
        return new StackOptions(Path.of("").toAbsolutePath(), data.toAbsolutePath(), fresh,
                envPort("KAFKA_PORT", StackDefaults.KAFKA_PORT), envPort("POSTGRES_PORT", StackDefaults.POSTGRES_PORT),
                ports, clockStart, speed, jvm, gatewayJvm, zipkinPort, envPort("FESTIVAL_FAULT_PORT", StackDefaults.FAULT_PORT),
                StackOptions.replicasOfEveryService(replicas));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int envPort(String variable, int fallback) {
        String value = System.getenv(variable);
        try {
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a port number, not '" + value + "'");
        }
    }
}
