package io.singlesday.loadtest.gatling;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.singlesday.loadtest.model.LoadShape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.tryMax;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.sse;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The 11.11 day against the gateway, open model. On the eve shoppers fill their carts and claim a voucher that
 * runs out; from midnight checkouts follow the fitted 2019 curve at the asked peak rate and compression, with
 * browsing and search, cat catching and parcel tracking at multiples of it and a few dashboards watching the
 * stream. Checkouts carry an Idempotency-Key and are retried with the same key when a call fails, as real clients
 * do. The festival clock runs with the load. Afterwards the verdict ({@link Verdict}) and a Markdown summary.
 *
 * <pre>./festival day --peak 5.44 --compression 60 --minutes 2</pre>
 */
public class FestivalDaySimulation extends Simulation {

    /** Cities by residents (millions, 2020 census) so big cities send more orders; 93 % of orders from phones. */
    private static final Map<String, String[]> CITIES = Map.of(
            "Shanghai", new String[]{"Shanghai", "31.2304", "121.4737", "24.9"},
            "Beijing", new String[]{"Beijing", "39.9042", "116.4074", "21.9"},
            "Chengdu", new String[]{"Sichuan", "30.5728", "104.0668", "20.9"},
            "Guangzhou", new String[]{"Guangdong", "23.1291", "113.2644", "18.7"},
            "Shenzhen", new String[]{"Guangdong", "22.5431", "114.0579", "17.6"},
            "Hangzhou", new String[]{"Zhejiang", "30.2741", "120.1551", "11.9"},
            "Wuhan", new String[]{"Hubei", "30.5928", "114.3055", "12.3"});
    private static final double BROWSE_PER_ORDER = 4;
    private static final double CATCHES_PER_ORDER = 0.5;
    private static final double TRACKING_PER_ORDER = 0.2;
    private static final double VIEWERS_PER_ORDER = 1;
    /** Each brushing store's ring places this many orders per order of the day: enough to climb the best sellers. */
    private static final double BRUSHED_PER_ORDER_AND_RING = 0.15;
    static final String BRUSHED_CHECKOUT = "checkout, brushed";

    /** A shopper's device, payment account and delivery address, the same for every order it places. */
    private record Profile(String device, String wallet, String city, String lat, String lon) {
    }

    private final DaySettings settings = DaySettings.from(System.getProperties());
    private final LoadShape shape = settings.shape();
    private final Festival festival = new Festival(settings.target());
    private final Tally tally = new Tally();
    private final Map<String, Verdict.Placed> placed = new ConcurrentHashMap<>();
    private final LongAdder claimsGranted = new LongAdder();
    private final LongAdder dropUnitsBought = new LongAdder();
    private final Map<String, Verdict.Placed> dropCheckouts = new ConcurrentHashMap<>();
    private final List<String> tokens = new ArrayList<>();
    /** Each shopper's own phone, wallet and home, by the index of its token: a shopper keeps them all day. */
    private final List<Profile> profiles = new ArrayList<>();
    private Brushing brushing;
    private final List<String> hot = new ArrayList<>();
    /** With a rush share: the one SKU the rush buys, and every other SKU. */
    private volatile String rushSku;
    private final List<String> others = new ArrayList<>();
    static final String RUSH_CHECKOUT = "checkout, the rush SKU";
    private final List<String> cold = new ArrayList<>();
    private final Map<String, Integer> stockBefore = new LinkedHashMap<>();
    private final int coupons;
    private String operator;
    private String voucher;
    private String cat;
    private String liveSession;
    private String drop;
    private int dropUnits;
    private CpuShare cpu;
    private long window;
    private Chaos chaos;
    private volatile long injectionStarted = System.nanoTime();
    private static final long ON_TIME_GRACE_NANOS = 2_000_000_000L;
    private static final int CHECKOUT_TRIES = 4;

    {
        double day = settings.daySeconds();
        double eve = settings.eveSeconds();
        // Enough claimers for the voucher to run out on the eve: the sold-out answer is part of what is tested.
        coupons = (int) Math.max(5, Math.round(settings.peak() * 2));
        HttpProtocolBuilder protocol = http.baseUrl(settings.target().toString()).acceptHeader("application/json")
                .contentTypeHeader("application/json");
        if (settings.steady() > 0) {
            // The capacity measurement: checkouts alone at a flat rate, so the rate is the only thing that varies.
            setUp(offer(checkout(), Math.round(settings.steady() * day),
                    constantUsersPerSec(settings.steady()).during(Duration.ofMillis((long) (day * 1000)))))
                    .protocols(protocol);
        } else {
            if (settings.brushing() > 0) {
                // Planned before the day is built: the rings' orders are part of its injection profile.
                List<Brushing.Listing> listings = new ArrayList<>(festival.listings("featured=true&limit=5"));
                listings.addAll(festival.listings("limit=40"));
                brushing = Brushing.plan(festival, settings.brushing(), listings, CITIES, settings.shoppers(), new Random());
                System.out.printf("Brushing: %d stores fake sales through rings of sock puppets%n", brushing.rings());
            }
            setUp(theDay(day, eve)).protocols(protocol);
        }
        window = (long) ((settings.steady() > 0 ? day : eve + day) * 1e9);
    }

    private List<PopulationBuilder> theDay(double day, double eve) {
        List<PopulationBuilder> load = new ArrayList<>(List.of(
                offer(checkout(), afterTheEve(eve, curve(1, day))),
                offer(browse(), afterTheEve(eve, curve(BROWSE_PER_ORDER, day))),
                offer(catchCats(), afterTheEve(eve, curve(CATCHES_PER_ORDER, day))),
                offer(track(), afterTheEve(eve, curve(TRACKING_PER_ORDER, day))),
                offer(watchTheLivestream(), afterTheEve(eve, curve(VIEWERS_PER_ORDER, day))),
                watch().injectOpen(nothingFor(Duration.ofMillis((long) (eve * 1000) + 1000)),
                        constantUsersPerSec(0.1).during(Duration.ofMillis((long) (Math.max(1, day - 12) * 1000))))));
        if (brushing != null && brushing.enabled()) {
            load.add(offer(brush(), afterTheEve(eve, curve(BRUSHED_PER_ORDER_AND_RING * brushing.rings(), day))));
        }
        if (eve > 0) {
            double cartRate = Math.max(1, settings.peak());
            double claimRate = coupons * 2 / eve;
            load.add(offer(fillCarts(), Math.round(cartRate * eve), constantUsersPerSec(cartRate).during(Duration.ofMillis((long) (eve * 1000)))));
            load.add(offer(claimVouchers(), Math.round(claimRate * eve),
                    constantUsersPerSec(claimRate).during(Duration.ofMillis((long) (eve * 1000)))));
        }
        return load;
    }

    /** Arrivals the profile schedules, counted as they are built, so the summary can say what was offered. */
    private record Arrivals(long users, OpenInjectionStep[] steps) {
    }

    private PopulationBuilder offer(Named scenario, Arrivals arrivals) {
        return offer(scenario, arrivals.users(), arrivals.steps());
    }

    private PopulationBuilder offer(Named scenario, long users, OpenInjectionStep... steps) {
        tally.offered(scenario.name(), users);
        return scenario.builder().injectOpen(steps);
    }

    /** A scenario with its name: each user's start is counted under it, on time or late. */
    private record Named(String name, ScenarioBuilder builder) {
    }

    /** 20 rather than 20.0, 5.44 as it was given. */
    private static String plain(double value) {
        return new java.math.BigDecimal(String.valueOf(value)).stripTrailingZeros().toPlainString();
    }

    private Named scenarioOf(String name, java.util.function.UnaryOperator<ScenarioBuilder> steps) {
        ScenarioBuilder start = scenario(name).exec(session -> {
            // A generator short of CPU starts its users late; those past the injection window were not offered load.
            tally.started(name, System.nanoTime() - injectionStarted <= window + ON_TIME_GRACE_NANOS);
            return session;
        });
        return new Named(name, steps.apply(start));
    }

    @Override
    public void before() {
        System.out.print(DaySettings.CURVE.fitReport(io.singlesday.curve.Checkpoint.Y2019));
        System.out.printf("Replaying %.1f of %.0f compressed minutes at a peak of %s orders/s (%sx) after a %s s eve%n",
                settings.daySeconds() / 60, shape.replaySeconds() / 60, settings.peak(), settings.compression(),
                settings.eveSeconds());
        operator = festival.token("load-ops", "OPERATOR");
        Random homes = new Random();
        List<String> cities = weightedCities();
        for (int i = 0; i < settings.shoppers(); i++) {
            tokens.add(festival.token("load-shopper-" + i, "SHOPPER"));
            // One in ten shares the phone of the shopper before: a household. Homes are spread across their city.
            String device = i % 10 == 1 ? profiles.get(i - 1).device() : UUID.randomUUID().toString();
            String city = cities.get(homes.nextInt(cities.size()));
            String[] c = CITIES.get(city);
            profiles.add(new Profile(device, "alipay:" + UUID.randomUUID(), city,
                    String.format(java.util.Locale.ROOT, "%.6f", Double.parseDouble(c[1]) + homes.nextGaussian() * 0.05),
                    String.format(java.util.Locale.ROOT, "%.6f", Double.parseDouble(c[2]) + homes.nextGaussian() * 0.05)));
        }
        Map<String, Integer> featured = festival.skus("featured=true&limit=5");
        Map<String, Integer> listed = festival.skus("limit=40");
        hot.addAll(featured.keySet());
        cold.addAll(listed.keySet());
        stockBefore.putAll(featured);
        stockBefore.putAll(listed);
        if (hot.isEmpty() || cold.isEmpty()) {
            throw new IllegalStateException("the catalog at " + settings.target() + " lists nothing to buy");
        }
        if (settings.rushShare() > 0) {
            // The rush is on the SKU with the most stock, so it lasts the run; the others share the rest of the list.
            rushSku = stockBefore.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            stockBefore.keySet().stream().filter(sku -> !sku.equals(rushSku)).forEach(others::add);
            System.out.printf("A rush: %.0f %% of the checkouts buy SKU %s (%d in stock)%n", settings.rushShare() * 100,
                    rushSku, stockBefore.get(rushSku));
        }
        voucher = festival.couponCampaign(operator, coupons);
        String[] hangzhou = CITIES.get("Hangzhou");
        cat = festival.catDrop(operator, festival.couponCampaign(operator, 1_000_000), hangzhou[1], hangzhou[2], 500);
        // Fewer cakes than viewers: the drop sells out during the run, and the sold-out answer is part of the day.
        dropUnits = (int) Math.max(5, Math.round(settings.peak() * 3));
        String[] live = festival.liveDrop(operator, hot.getFirst(), dropUnits);
        liveSession = live[0];
        drop = live[1];
        festival.startTheClock(operator, settings.steady() > 0 ? 0 : settings.eveSeconds(), settings.compression());
        if (settings.steady() > 0) {
            festival.withdrawScale(operator);
        } else {
            // The day's orders along the curve, and the drop's units, which sell out early in the run.
            festival.announceScale(operator, Math.max(1, Math.round(shape.totalOrders())) + dropUnits, String.format(java.util.Locale.ROOT,
                    "2019 at 1:%,d in orders (peak %s/s, %sx)", Math.round(shape.oneInOrdersOf2019()), plain(settings.peak()),
                    plain(settings.compression())));
        }
        cpu = new CpuShare();
        injectionStarted = System.nanoTime();
        chaos = new Chaos(settings.faults(), settings.chaosTargets());
        if (chaos.enabled()) {
            chaos.start(injectionStarted, window / 1e9);
        }
    }

    /** Cities as often as they have residents. */
    private static List<String> weightedCities() {
        List<String> cities = new ArrayList<>();
        CITIES.forEach((city, data) -> {
            for (int i = 0; i < Math.round(Double.parseDouble(data[3])); i++) {
                cities.add(city);
            }
        });
        java.util.Collections.sort(cities);
        return cities;
    }

    /**
     * A shopper: who, from where, on what device, paying from which account, buying a hot product a third of the time
     * and a cold one otherwise.
     */
    private Iterator<Map<String, Object>> shoppers() {
        Random random = new Random();
        return Stream.generate(() -> {
            Map<String, Object> s = new HashMap<>();
            int who = random.nextInt(tokens.size());
            Profile profile = profiles.get(who);
            s.put("token", tokens.get(who));
            boolean rushing = rushSku != null && random.nextDouble() < settings.rushShare();
            s.put("rush", rushing);
            s.put("sku", rushing ? rushSku : rushSku != null ? others.get(random.nextInt(others.size()))
                    : random.nextInt(3) == 0 ? hot.get(random.nextInt(hot.size())) : cold.get(random.nextInt(cold.size())));
            s.put("key", UUID.randomUUID().toString());
            s.put("city", profile.city());
            s.put("province", CITIES.get(profile.city())[0]);
            s.put("lat", profile.lat());
            s.put("lon", profile.lon());
            s.put("device", profile.device());
            s.put("wallet", profile.wallet());
            s.put("channel", random.nextInt(100) < 93 ? "APP" : "PC");
            s.put("voucher", voucher);
            s.put("cat", cat);
            s.put("session", liveSession);
            s.put("drop", drop);
            return s;
        }).iterator();
    }

    private Named fillCarts() {
        return scenarioOf("fill the cart on the eve", sc -> sc.feed(shoppers())
                .exec(measured("add to cart", http("add to cart").put("/api/orders/cart/items/#{sku}")
                        .header("Authorization", "Bearer #{token}").header("Idempotency-Key", "#{key}")
                        .body(StringBody("{\"quantity\":1}")), 200)));
    }

    private Named claimVouchers() {
        return scenarioOf("claim the voucher", sc -> sc.feed(shoppers())
                .exec(measured("claim voucher", http("claim voucher").post("/api/coupons/campaigns/#{voucher}/claims")
                        .header("Authorization", "Bearer #{token}").header("Idempotency-Key", "#{key}"), 201, 409, 410))
                .exec(session -> {
                    if (session.contains("status") && session.getInt("status") == 201) {
                        claimsGranted.increment();
                    }
                    return session;
                }));
    }

    /**
     * A shopper presses pay: up to {@value #CHECKOUT_TRIES} tries with the same Idempotency-Key. A shed answer (429)
     * is waited out for its Retry-After, jittered so retries do not return in step; a failed call is retried at once.
     */
    private Named checkout() {
        ChainBuilder place = tryMax(CHECKOUT_TRIES).on(
                doIf(session -> session.contains("retryAfter")).then(pause(session -> retryPause(session.getString("retryAfter"))))
                .doIfOrElse(session -> session.getBoolean("rush")).then(placeCheckout(RUSH_CHECKOUT))
                .orElse(placeCheckout("checkout")));
        return scenarioOf("checkout at midnight", sc -> sc.feed(shoppers()).exec(place).exec(session -> {
            if (session.contains("checkoutId")) {
                String id = session.getString("checkoutId");
                placed.putIfAbsent(id, new Verdict.Placed(id, session.getString("token"), session.getString("sku"),
                        session.getString("state")));
            }
            return session;
        }));
    }

    /** A sock puppet of a brushing store's ring buys, as a shopper would: the same tries, the same body. */
    private Named brush() {
        ChainBuilder place = tryMax(CHECKOUT_TRIES).on(
                doIf(session -> session.contains("retryAfter")).then(pause(session -> retryPause(session.getString("retryAfter"))))
                .exec(placeCheckout(BRUSHED_CHECKOUT)));
        return scenarioOf("brushing rings", sc -> sc.feed(brushing.feed(new Random())).exec(place).exec(session -> {
            if (session.contains("checkoutId")) {
                String id = session.getString("checkoutId");
                placed.putIfAbsent(id, new Verdict.Placed(id, session.getString("token"), session.getString("sku"),
                        session.getString("state")));
                brushing.placed(id, session.getString("sku"));
            }
            return session;
        }));
    }

    /** One try of a checkout, measured under {@code name}. */
    private ChainBuilder placeCheckout(String name) {
        return measured(name, false, http(name).post("/api/orders")
                .header("Authorization", "Bearer #{token}").header("Idempotency-Key", "#{key}").header("Prefer", "wait=10")
                .body(StringBody("""
                        {"lines":[{"skuId":"#{sku}","quantity":1}],"channel":"#{channel}","address":{"recipient":"Load",
                         "street":"11 Festival Road","city":"#{city}","province":"#{province}","latitude":#{lat},"longitude":#{lon}},
                         "deviceId":"#{device}","paymentAccount":"#{wallet}"}"""))
                .check(jsonPath("$.id").optional().saveAs("checkoutId"), jsonPath("$.state").optional().saveAs("state")), 200, 202);
    }

    /** Retry-After in seconds, plus up to half of it again at random, at most 10 s; a missing or odd value waits 1 s. */
    static Duration retryPause(String retryAfter) {
        long seconds;
        try {
            seconds = Math.clamp(Long.parseLong(retryAfter.trim()), 0, 10);
        } catch (RuntimeException e) {
            seconds = 1;
        }
        long millis = seconds * 1000;
        return Duration.ofMillis(Math.min(10_000, millis + java.util.concurrent.ThreadLocalRandom.current().nextLong(millis / 2 + 1)));
    }

    private Named browse() {
        return scenarioOf("browse and search", sc -> sc.feed(shoppers())
                .exec(measured("search", http("search").get("/api/catalog/products?q=tea&limit=20"), 200))
                .exec(measured("product list", http("product list").get("/api/catalog/products?featured=true&limit=20"), 200)));
    }

    /** Everyone hunts the same cat in Hangzhou: one catch each, a second try is a 409. */
    private Named catchCats() {
        return scenarioOf("catch the cat", sc -> sc.feed(shoppers())
                .exec(measured("catch cat", http("catch cat").post("/api/coupons/cat-drops/#{cat}/catches")
                        .header("Authorization", "Bearer #{token}").header("Idempotency-Key", "#{key}")
                        .body(StringBody("{\"latitude\":30.2745,\"longitude\":120.1555}")), 201, 409)));
    }

    /** A viewer joins the show, says something, and presses buy on the drop: one cake each, until they are gone. */
    private Named watchTheLivestream() {
        return scenarioOf("watch the livestream", sc -> sc.feed(shoppers())
                .exec(measured("join livestream", http("join livestream").post("/api/livestreams/sessions/#{session}/viewers")
                        .header("Authorization", "Bearer #{token}").header("Idempotency-Key", "#{key}-join"), 200))
                .exec(measured("comment", http("comment").post("/api/livestreams/sessions/#{session}/comments")
                        .header("Authorization", "Bearer #{token}").header("Idempotency-Key", "#{key}-say")
                        .body(StringBody("{\"text\":\"Midnight! #{city} is watching\",\"question\":false}")), 201, 429))
                .exec(measured("buy in drop", http("buy in drop").post("/api/livestreams/drops/#{drop}/purchases")
                        .header("Authorization", "Bearer #{token}").header("Idempotency-Key", "#{key}-buy")
                        .body(StringBody("""
                                {"quantity":1,"delivery":{"recipient":"Load","street":"11 Festival Road","city":"#{city}",
                                 "province":"#{province}","latitude":#{lat},"longitude":#{lon}}}"""))
                        .check(jsonPath("$.checkoutId").optional().saveAs("dropCheckout")), 201, 409, 410))
                .exec(session -> {
                    if (session.contains("status") && session.getInt("status") == 201) {
                        dropUnitsBought.increment();
                        String id = session.getString("dropCheckout");
                        if (id != null) {
                            dropCheckouts.putIfAbsent(id, new Verdict.Placed(id, session.getString("token"), drop, "GRANTED"));
                        }
                    }
                    return session;
                }));
    }

    private Named track() {
        return scenarioOf("track parcels", sc -> sc.feed(shoppers())
                .exec(measured("my parcels", http("my parcels").get("/api/logistics/parcels").header("Authorization", "Bearer #{token}"), 200)));
    }

    private ScenarioBuilder watch() {
        return scenario("watch the dashboard")
                .exec(sse("dashboard").get("/api/gmv/public/stream"))
                .pause(Duration.ofSeconds(10))
                .exec(sse("dashboard").close());
    }

    /**
     * A request counted in the run's own tally when it is sent and again, from inside its checks, when its answer
     * arrives, so neither a failed check nor a retry loop that leaves early can drop it: an attempt with no answer
     * is counted as such. {@code expected} statuses pass Gatling's check, anything else fails it (and a checkout's
     * retry loop tries again with the same key). A shed answer (429) is expected unless the caller retries it.
     */
    private ChainBuilder measured(String name, HttpRequestActionBuilder request, Integer... expected) {
        return measured(name, true, request, expected);
    }

    private ChainBuilder measured(String name, boolean giveUpWhenShed, HttpRequestActionBuilder request, Integer... expected) {
        List<Integer> passing = new ArrayList<>(List.of(expected));
        if (giveUpWhenShed) {
            passing.add(429);
        }
        return exec(session -> {
            tally.sent(name);
            return session.remove("status").remove("body").remove("retryAfter").set("sentAt", System.nanoTime());
        }).exec(request.check(status().saveAs("status"), header("Retry-After").optional().saveAs("retryAfter"),
                // Body checks run after status and header checks, with the session they saved: the answer's record.
                bodyString().transformWithSession((body, session) -> {
                    int status = session.getInt("status");
                    tally.record(name, status, (System.nanoTime() - session.getLong("sentAt")) / 1_000_000);
                    tally.refused(name, status, body);
                    return body.length();
                }), status().in(passing)));
    }

    private static Arrivals afterTheEve(double eve, Arrivals arrivals) {
        if (eve <= 0) {
            return arrivals;
        }
        OpenInjectionStep[] steps = arrivals.steps();
        OpenInjectionStep[] shifted = new OpenInjectionStep[steps.length + 1];
        shifted[0] = nothingFor(Duration.ofMillis((long) (eve * 1000)));
        System.arraycopy(steps, 0, shifted, 1, steps.length);
        return new Arrivals(arrivals.users(), shifted);
    }

    /**
     * Arrivals over the first {@code seconds} after midnight at {@code factor} times the order rate: the curve is
     * integrated in 100 ms steps and each whole user that accumulates starts at that moment, so the midnight spike
     * keeps its shape even at low rates (Gatling's ramps round each step's users down).
     */
    private Arrivals curve(double factor, double seconds) {
        List<OpenInjectionStep> steps = new ArrayList<>();
        long users = 0;
        double pending = 0;
        double last = 0;
        for (double t = 0; t < seconds; t += 0.1) {
            pending += shape.rateAt(t) * factor * 0.1;
            if (pending >= 1) {
                int now = (int) pending;
                pending -= now;
                users += now;
                if (t - last >= 0.001) {
                    steps.add(nothingFor(Duration.ofMillis(Math.round((t - last) * 1000))));
                }
                steps.add(atOnceUsers(now));
                last = t;
            }
        }
        if (steps.isEmpty()) {
            steps.add(atOnceUsers(1));
            users = 1;
        }
        return new Arrivals(users, steps.toArray(OpenInjectionStep[]::new));
    }

    /** The verdict and the summary, written whatever happened; a failed verdict fails the run. */
    @Override
    public void after() {
        double seconds = cpu == null ? settings.eveSeconds() + settings.daySeconds() : cpu.wallSeconds();
        String generator = cpu == null ? "not measured" : cpu.describe();
        // The verdict reads the stack, so every fault must be over (and its target back) first.
        List<Chaos.Fault> faults = chaos == null ? List.of() : chaos.finish(Duration.ofMinutes(5));
        Verdict verdict = new Verdict(festival, operator);
        List<Verdict.Check> checks = verdict.checks(List.copyOf(placed.values()), stockBefore, voucher, coupons, claimsGranted.sum(),
                drop, dropUnits, dropUnitsBought.sum(), tally.count("buy in drop"), List.copyOf(dropCheckouts.values()));
        if (!faults.isEmpty()) {
            checks.addAll(verdict.afterFaults(faults));
            checks.add(new Verdict.Check("no request was answered 500: a process or the database away is a 503",
                    tally.internalErrors() == 0, tally.internalErrors() + " answered 500"));
        }
        if (brushing != null && brushing.enabled()) {
            Set<String> puppets = brushing.checkouts();
            Brushing.Score score = brushing.score(festival, operator, verdict.settledStates(),
                    placed.values().stream().filter(p -> !puppets.contains(p.checkoutId())).toList());
            checks.add(score.check());
            System.out.println(score.line());
        }
        Map<String, Tally.Line> lines = tally.lines();
        Map<String, Tally.Users> users = tally.users();
        String markdown = RunSummary.markdown(settings, seconds, window / 1e9, lines, users, tally.firstRefusals(), generator, checks,
                verdict.confirmed(), faults);
        try {
            if (settings.summary().toAbsolutePath().getParent() != null) {
                Files.createDirectories(settings.summary().toAbsolutePath().getParent());
            }
            Files.writeString(settings.summary(), markdown);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.print(markdown);
        System.out.println("Summary written to " + settings.summary().toAbsolutePath());
        boolean passed = RunSummary.passed(checks, lines.get("all"), users, !faults.isEmpty());
        LastRun.record(passed);
        if (!passed) {
            throw new IllegalStateException("the festival day run failed its verdict; see " + settings.summary().toAbsolutePath());
        }
    }
}
