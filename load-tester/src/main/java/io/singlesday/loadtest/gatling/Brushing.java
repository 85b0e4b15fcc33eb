package io.singlesday.loadtest.gatling;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A share of the run's stores brushing: each pushes one of its products up the best-sellers ranking through a ring of
 * sock-puppet shoppers, and afterwards the detector's verdicts are scored against what the run knows it did.
 *
 * <p>Rings vary as real ones do, so no single marker gives them away: each has its own number of puppets, phones,
 * wallets and drop addresses; most puppets use a ring phone, a ring wallet and a drop address, but some bring their
 * own of each; some rings include the brand's own staff (an account that has edited the brand's catalog). Puppets are
 * named like every other shopper of the run and buy one unit, as shoppers do. Only the run's own record tells them
 * apart.
 */
final class Brushing {

    /** A product the run can buy, with where it is sold. */
    record Listing(String productId, String skuId, String storeId, String brandId, long priceFen, int available) {
    }

    /** One puppet: the account and the keys it shows. */
    record Puppet(String subject, String token, String device, String wallet, double lat, double lon, String city,
                  String province) {
    }

    /** A store's ring and the product it pushes. */
    record Ring(Listing target, List<Listing> others, List<Puppet> puppets, boolean staff) {
    }

    /** What the run scores: the summary's line, and whether it passes. */
    record Score(Verdict.Check check, String line) {
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();
    static final double MIN_PRECISION = 95;
    /** The best sellers' top places, where a climb pays: the strip a shopper sees above the fold. */
    static final int TOP = 10;
    static final double MIN_RECALL = 90;

    private final List<Ring> rings;
    private final Map<String, String> puppetCheckouts = new ConcurrentHashMap<>();
    private final Map<String, Long> unitsBefore;

    private Brushing(List<Ring> rings, Map<String, Long> unitsBefore) {
        this.rings = rings;
        this.unitsBefore = unitsBefore;
    }

    boolean enabled() {
        return !rings.isEmpty();
    }

    int rings() {
        return rings.size();
    }

    /**
     * Picks {@code share} of the stores the run sells from (at least one when the share is above 0), each with a ring.
     * {@code cities}: city to {province, latitude, longitude}. Staff accounts make one harmless catalog edit first, as
     * a store's staff do, so the catalog knows them.
     */
    static Brushing plan(Festival festival, double share, List<Listing> listings, Map<String, String[]> cities,
                         int firstSubject, Random random) {
        if (share <= 0) {
            return new Brushing(List.of(), Map.of());
        }
        Map<String, List<Listing>> byStore = new LinkedHashMap<>();
        listings.forEach(l -> byStore.computeIfAbsent(l.storeId(), s -> new ArrayList<>()).add(l));
        List<String> stores = new ArrayList<>(byStore.keySet());
        java.util.Collections.shuffle(stores, random);
        int count = (int) Math.max(1, Math.round(share * stores.size()));
        List<String> cityNames = new ArrayList<>(cities.keySet());
        int subject = firstSubject;
        List<Ring> rings = new ArrayList<>();
        for (String store : stores.subList(0, Math.min(count, stores.size()))) {
            List<Listing> sold = byStore.get(store);
            Listing target = sold.stream().min(java.util.Comparator.comparingLong(Listing::priceFen)).orElseThrow();
            int phones = 2 + random.nextInt(3);
            int wallets = 2 + random.nextInt(3);
            int doors = 1 + random.nextInt(3);
            String ringTag = Long.toHexString(random.nextLong());
            List<double[]> doorPoints = new ArrayList<>();
            List<String> doorCities = new ArrayList<>();
            for (int d = 0; d < doors; d++) {
                String city = cityNames.get(random.nextInt(cityNames.size()));
                String[] c = cities.get(city);
                doorCities.add(city);
                doorPoints.add(new double[]{Double.parseDouble(c[1]) + random.nextGaussian() * 0.03,
                        Double.parseDouble(c[2]) + random.nextGaussian() * 0.03});
            }
            boolean staff = random.nextBoolean();
            List<Puppet> puppets = new ArrayList<>();
            int size = 6 + random.nextInt(8);
            for (int i = 0; i < size; i++) {
                String who = "load-shopper-" + subject++;
                if (staff && i == 0) {
                    String brandToken = festival.token(who, "BRAND", target.brandId());
                    JsonNode product = Festival.json(Festival.expect(festival.call("GET", "/api/catalog/brand/products/"
                            + target.productId(), brandToken, null), 200));
                    Festival.expect(festival.call("PUT", "/api/catalog/brand/products/" + target.productId(), brandToken,
                            unchangedDescription(product), "Idempotency-Key", UUID.randomUUID().toString()), 200);
                }
                String device = random.nextInt(5) == 0 ? UUID.randomUUID().toString() : "phone-" + ringTag + "-" + random.nextInt(phones);
                String wallet = random.nextInt(5) == 0 ? "alipay:" + UUID.randomUUID() : "alipay:" + ringTag + "-" + random.nextInt(wallets);
                String city;
                double lat;
                double lon;
                if (random.nextInt(4) == 0) {
                    city = cityNames.get(random.nextInt(cityNames.size()));
                    lat = Double.parseDouble(cities.get(city)[1]) + random.nextGaussian() * 0.05;
                    lon = Double.parseDouble(cities.get(city)[2]) + random.nextGaussian() * 0.05;
                } else {
                    int d = random.nextInt(doors);
                    city = doorCities.get(d);
                    lat = doorPoints.get(d)[0];
                    lon = doorPoints.get(d)[1];
                }
                puppets.add(new Puppet(who, festival.token(who, "SHOPPER"), device, wallet, lat, lon, city, cities.get(city)[0]));
            }
            rings.add(new Ring(target, sold.stream().filter(l -> l != target).toList(), List.copyOf(puppets), staff));
        }
        Map<String, Long> before = recentUnits(festival);
        return new Brushing(List.copyOf(rings), before);
    }

    /** The same title, description and category: an edit that changes nothing a shopper sees. */
    private static String unchangedDescription(JsonNode product) {
        return JSON.createObjectNode().put("title", product.path("title").asString())
                .put("description", product.path("description").asString(""))
                .put("categoryId", product.path("categoryId").asLong()).toString();
    }

    /** Puppet checkouts: a ring at random, one of its puppets, mostly the pushed product. */
    Iterator<Map<String, Object>> feed(Random random) {
        return Stream.generate(() -> {
            Ring ring = rings.get(random.nextInt(rings.size()));
            Puppet puppet = ring.puppets().get(random.nextInt(ring.puppets().size()));
            Listing bought = ring.others().isEmpty() || random.nextInt(10) < 8 ? ring.target()
                    : ring.others().get(random.nextInt(ring.others().size()));
            Map<String, Object> s = new HashMap<>();
            s.put("token", puppet.token());
            s.put("sku", bought.skuId());
            s.put("key", UUID.randomUUID().toString());
            s.put("device", puppet.device());
            s.put("wallet", puppet.wallet());
            s.put("city", puppet.city());
            s.put("province", puppet.province());
            s.put("lat", String.format(Locale.ROOT, "%.6f", puppet.lat()));
            s.put("lon", String.format(Locale.ROOT, "%.6f", puppet.lon()));
            s.put("channel", random.nextInt(100) < 93 ? "APP" : "PC");
            s.put("rush", false);
            return s;
        }).iterator();
    }

    void placed(String checkoutId, String sku) {
        puppetCheckouts.put(checkoutId, sku);
    }

    /** The checkouts the rings placed. */
    Set<String> checkouts() {
        return Set.copyOf(puppetCheckouts.keySet());
    }

    /**
     * Scores the detector once it has caught up: precision and recall over the run's confirmed checkouts, and how many
     * of the pushed products the puppets' units would have lifted into the best sellers' top ten but did not.
     */
    Score score(Festival festival, String operator, Map<String, String> finalStates, List<Verdict.Placed> honest) {
        Set<String> confirmed = new HashSet<>();
        finalStates.forEach((id, state) -> {
            if ("CONFIRMED".equals(state)) {
                confirmed.add(id);
            }
        });
        Set<String> brushed = new HashSet<>(puppetCheckouts.keySet());
        brushed.retainAll(confirmed);
        Set<String> flagged = awaitFlagged(festival, operator);
        flagged.retainAll(confirmed);
        long caught = flagged.stream().filter(brushed::contains).count();
        double precision = flagged.isEmpty() ? (brushed.isEmpty() ? 100 : 0) : caught * 100.0 / flagged.size();
        double recall = brushed.isEmpty() ? 100 : caught * 100.0 / brushed.size();

        Map<String, Long> after = recentUnits(festival);
        int attempted = 0;
        int blocked = 0;
        for (Ring ring : rings) {
            String product = ring.target().productId();
            String sku = ring.target().skuId();
            long fair = unitsBefore.getOrDefault(product, 0L) + honest.stream()
                    .filter(p -> p.sku().equals(sku) && "CONFIRMED".equals(finalStates.get(p.checkoutId()))).count();
            long pushed = brushed.stream().filter(id -> sku.equals(puppetCheckouts.get(id))).count();
            int rankFair = rank(after, product, fair);
            int rankPushed = rank(after, product, fair + pushed);
            int rankNow = rank(after, product, after.getOrDefault(product, 0L));
            // A climb is into the top places of the best sellers, where shoppers see it.
            if (rankPushed <= TOP && rankFair > TOP) {
                attempted++;
                if (rankNow > TOP) {
                    blocked++;
                }
            }
        }
        String line = String.format(Locale.ROOT, "Brushing detection: precision %.1f %%, recall %.1f %%, ranking climbs blocked %d of %d",
                precision, recall, blocked, attempted);
        boolean passed = precision >= MIN_PRECISION && recall >= MIN_RECALL;
        return new Score(new Verdict.Check(line, passed, String.format(Locale.ROOT,
                "%d rings (%d with staff), %d brushed checkouts confirmed, %d flagged among the run's %d confirmed; needs "
                        + "precision of at least %.0f %% and recall of at least %.0f %%", rings.size(),
                rings.stream().filter(Ring::staff).count(), brushed.size(), flagged.size(), confirmed.size(), MIN_PRECISION,
                MIN_RECALL)), line);
    }

    /** The place a product with {@code units} would take among the others as they are now (1 is first). */
    private static int rank(Map<String, Long> now, String product, long units) {
        return 1 + (int) now.entrySet().stream().filter(e -> !e.getKey().equals(product) && e.getValue() > units).count();
    }

    /** Checkouts with an open case, once two reads a second apart agree (at most 30 s: the catalog's consumer lags). */
    private static Set<String> awaitFlagged(Festival festival, String operator) {
        Set<String> last = flagged(festival, operator);
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(1_500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            Set<String> now = flagged(festival, operator);
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private static Set<String> flagged(Festival festival, String operator) {
        Set<String> checkouts = new HashSet<>();
        String after = null;
        do {
            JsonNode page = Festival.json(Festival.expect(festival.call("GET", "/api/catalog/brushing/cases?limit=500"
                    + (after == null ? "" : "&after=" + after), operator, null), 200));
            page.path("items").forEach(c -> checkouts.add(c.path("checkoutId").asString()));
            after = page.path("next").isMissingNode() || page.path("next").isNull() ? null : page.path("next").asString();
        } while (after != null);
        return checkouts;
    }

    /** Units per product in the best-sellers sort (its first 500 places). */
    private static Map<String, Long> recentUnits(Festival festival) {
        Map<String, Long> units = new HashMap<>();
        String after = null;
        int pages = 0;
        do {
            JsonNode page = Festival.json(Festival.expect(festival.call("GET", "/api/catalog/products?sort=sales&limit=100"
                    + (after == null ? "" : "&after=" + after), null, null), 200));
            page.path("items").forEach(p -> units.put(p.path("id").asString(), p.path("recentUnits").asLong()));
            after = page.path("next").isMissingNode() || page.path("next").isNull() ? null : page.path("next").asString();
        } while (after != null && ++pages < 5);
        return units;
    }
}
