package io.singlesday.gmv;

import io.singlesday.testsupport.Engines;
import io.singlesday.testsupport.Http;
import io.singlesday.testsupport.RealEngines;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Starts the counter as its own application, so a test can stop and start it like a deployment would. Every
 * instance in a test JVM shares the broker and the application id, so tests compare figures before and after.
 */
public final class CounterApp {

    private CounterApp() {
    }

    public static ConfigurableApplicationContext start(String... extra) {
        Engines engines = RealEngines.shared();
        engines.ensureDatabase("gmv");
        Map<String, String> args = new LinkedHashMap<>();
        args.put("server.port", "0");
        args.put("spring.datasource.url", engines.jdbcUrl("gmv"));
        args.put("spring.datasource.username", "gmv");
        args.put("spring.datasource.password", "gmv");
        args.put("spring.kafka.bootstrap-servers", engines.kafkaBootstrapServers());
        args.put("spring.security.oauth2.resourceserver.jwt.public-key-location", "file:" + engines.signingKey().publicKeyPem());
        for (String pair : extra) {
            int eq = pair.indexOf('=');
            args.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        ConfigurableApplicationContext app = new SpringApplicationBuilder(GmvCounterApplication.class)
                .run(args.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        await(Duration.ofSeconds(60), () -> ready(app));
        return app;
    }

    public static String base(ConfigurableApplicationContext app) {
        return "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    }

    private static boolean ready(ConfigurableApplicationContext app) {
        try {
            HttpResponse<String> summary = Http.send(base(app), "GET", "/api/gmv/public/summary", null, null);
            return summary.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    public static void await(Duration within, BooleanSupplier condition) {
        await(within, Duration.ofMillis(100), condition);
    }

    public static void await(Duration within, Duration every, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + within);
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
