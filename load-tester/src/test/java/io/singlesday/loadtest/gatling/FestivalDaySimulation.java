package io.singlesday.loadtest.gatling;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.singlesday.loadtest.model.Checkpoint;
import io.singlesday.loadtest.model.DayCurve;
import io.singlesday.loadtest.model.LoadShape;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.tryMax;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.sse;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The 11.11 day against the gateway, open model: checkouts follow the fitted 2019 curve at the asked peak rate and
 * time compression; browsing runs at a multiple of it; parcels are tracked and a few dashboards watch the stream.
 * Checkouts carry an Idempotency-Key and are retried with the same key when a call fails, as real clients do.
 * Afterwards the GMV counter must equal the order service's confirmed orders to the fen (the verdict).
 *
 * <pre>./mvnw -pl load-tester gatling:test -Dpeak=5.44 -Dcompression=60 -Dminutes=2 [-Dtarget=http://localhost:8080]</pre>
 */
public class FestivalDaySimulation extends Simulation {

    private static final String TARGET = System.getProperty("target", "http://localhost:8080");
    private static final double PEAK = Double.parseDouble(System.getProperty("peak", "5.44"));
    private static final double COMPRESSION = Double.parseDouble(System.getProperty("compression", "60"));
    private static final double MINUTES = Double.parseDouble(System.getProperty("minutes", "2"));
    private static final int SHOPPERS = Integer.getInteger("shoppers", 200);
    private static final double BROWSE_PER_ORDER = 4;
    /** Cities by residents (millions, 2020 census) so big cities send more orders; 93 % of orders from phones. */
    private static final Map<String, String[]> CITIES = Map.of(
            "Shanghai", new String[]{"Shanghai", "31.2304", "121.4737", "24.9"},
            "Beijing", new String[]{"Beijing", "39.9042", "116.4074", "21.9"},
            "Chengdu", new String[]{"Sichuan", "30.5728", "104.0668", "20.9"},
            "Guangzhou", new String[]{"Guangdong", "23.1291", "113.2644", "18.7"},
            "Shenzhen", new String[]{"Guangdong", "22.5431", "114.0579", "17.6"},
            "Hangzhou", new String[]{"Zhejiang", "30.2741", "120.1551", "11.9"},
            "Wuhan", new String[]{"Hubei", "30.5928", "114.3055", "12.3"});

    private final Festival festival = new Festival(TARGET);
    private final LoadShape shape = new LoadShape(DayCurve.fit(Checkpoint.Y2019), PEAK, COMPRESSION);
    private final List<String> tokens = new ArrayList<>();
    private final List<String> hot = new ArrayList<>();
    private final List<String> cold = new ArrayList<>();
    private String operator;

    {
        if (!(MINUTES > 0 && MINUTES <= 24 * 60)) {
            throw new IllegalArgumentException("minutes must be more than 0 and at most 1440, not " + MINUTES);
        }
        HttpProtocolBuilder protocol = http.baseUrl(TARGET).acceptHeader("application/json")
                .contentTypeHeader("application/json");
        double seconds = Math.min(shape.replaySeconds(), MINUTES * 60);
        setUp(
                checkout().injectOpen(ramps(1, seconds)),
                browse().injectOpen(ramps(BROWSE_PER_ORDER, seconds)),
                track().injectOpen(ramps(0.2, seconds)),
                watch().injectOpen(nothingFor(1), rampUsersPerSec(0.1).to(0.1).during(Duration.ofMillis((long) (Math.max(1, seconds - 12) * 1000)))))
                .protocols(protocol)
                .assertions(global().failedRequests().percent().lte(1.0));
    }

    @Override
    public void before() {
        System.out.print(DayCurve.fit(Checkpoint.Y2019).fitReport(Checkpoint.Y2019));
        System.out.printf("Replaying %.1f of %.0f compressed minutes at a peak of %s orders/s (%sx): about %.0f checkouts%n",
                Math.min(shape.replaySeconds(), MINUTES * 60) / 60, shape.replaySeconds() / 60, PEAK, COMPRESSION,
                shape.totalOrders());
        operator = festival.token("load-ops", "OPERATOR");
        for (int i = 0; i < SHOPPERS; i++) {
            tokens.add(festival.token("load-shopper-" + i, "SHOPPER"));
        }
        hot.addAll(festival.skus("featured=true&limit=5"));
        cold.addAll(festival.skus("limit=40"));
        if (hot.isEmpty() || cold.isEmpty()) {
            throw new IllegalStateException("the catalog at " + TARGET + " lists nothing to buy");
        }
    }

    /** A few hot products take a third of the orders, many cold ones the rest. */
    private Iterator<Map<String, Object>> shoppers() {
        Random random = new Random();
        List<String> cities = new ArrayList<>();
        CITIES.forEach((city, data) -> {
            for (int i = 0; i < Math.round(Double.parseDouble(data[3])); i++) {
                cities.add(city);
            }
        });
        return Stream.generate(() -> {
            Map<String, Object> s = new HashMap<>();
            String city = cities.get(random.nextInt(cities.size()));
            s.put("token", tokens.get(random.nextInt(tokens.size())));
            s.put("sku", random.nextInt(3) == 0 ? hot.get(random.nextInt(hot.size())) : cold.get(random.nextInt(cold.size())));
            s.put("key", UUID.randomUUID().toString());
            s.put("city", city);
            s.put("province", CITIES.get(city)[0]);
            s.put("lat", CITIES.get(city)[1]);
            s.put("lon", CITIES.get(city)[2]);
            s.put("channel", random.nextInt(100) < 93 ? "APP" : "PC");
            return s;
        }).iterator();
    }

    private ScenarioBuilder checkout() {
        ChainBuilder place = tryMax(3).on(exec(http("checkout").post("/api/orders")
                .header("Authorization", "Bearer #{token}").header("Idempotency-Key", "#{key}").header("Prefer", "wait=10")
                .body(StringBody("""
                        {"lines":[{"skuId":"#{sku}","quantity":1}],"channel":"#{channel}","address":{"recipient":"Load",
                         "street":"11 Festival Road","city":"#{city}","province":"#{province}","latitude":#{lat},"longitude":#{lon}}}"""))
                .check(status().in(200, 202))));
        return scenario("checkout at midnight").feed(shoppers()).exec(place);
    }

    private ScenarioBuilder browse() {
        return scenario("browse and search").feed(shoppers())
                .exec(http("search").get("/api/catalog/products?q=tea&limit=20").check(status().is(200)))
                .exec(http("product list").get("/api/catalog/products?featured=true&limit=20").check(status().is(200)));
    }

    private ScenarioBuilder track() {
        return scenario("track parcels").feed(shoppers())
                .exec(http("my parcels").get("/api/logistics/parcels").header("Authorization", "Bearer #{token}")
                        .check(status().is(200)));
    }

    private ScenarioBuilder watch() {
        return scenario("watch the dashboard")
                .exec(sse("dashboard").get("/api/gmv/public/stream"))
                .pause(Duration.ofSeconds(10))
                .exec(sse("dashboard").close());
    }

    /**
     * Arrivals over the first {@code seconds} of the replay at {@code factor} times the order rate: the curve is
     * integrated in 100 ms steps and each whole user that accumulates starts at that moment, so the midnight
     * spike keeps its shape even at low rates (Gatling's ramps round each step's users down).
     */
    private OpenInjectionStep[] ramps(double factor, double seconds) {
        List<OpenInjectionStep> steps = new ArrayList<>();
        double pending = 0;
        double last = 0;
        for (double t = 0; t < seconds; t += 0.1) {
            pending += shape.rateAt(t) * factor * 0.1;
            if (pending >= 1) {
                int users = (int) pending;
                pending -= users;
                if (t - last >= 0.001) {
                    steps.add(nothingFor(Duration.ofMillis(Math.round((t - last) * 1000))));
                }
                steps.add(atOnceUsers(users));
                last = t;
            }
        }
        if (steps.isEmpty()) {
            steps.add(atOnceUsers(1));
        }
        return steps.toArray(OpenInjectionStep[]::new);
    }

    /** The verdict: every confirmed order counted once, to the fen; written beside Gatling's report. */
    @Override
    public void after() {
        String report = "";
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline && !report.contains("\"matches\":true")) {
            report = festival.call("GET", "/api/gmv/reconciliation", operator, null);
            sleep();
        }
        String logistics = festival.call("GET", "/api/logistics/operations", operator, null);
        String verdict = "# Verdict\n\n- GMV counter against the order service: "
                + (report.contains("\"matches\":true") ? "equal to the fen" : "MISMATCH") + "\n\n```\n" + report
                + "\n```\n\n- Logistics: \n\n```\n" + logistics + "\n```\n";
        try {
            Path out = Path.of(System.getProperty("verdict.file", "target/gatling/verdict.md"));
            Files.createDirectories(out.getParent());
            Files.writeString(out, verdict);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        System.out.print(verdict);
        if (!report.contains("\"matches\":true")) {
            throw new IllegalStateException("the GMV counter does not match the order service: " + report);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
