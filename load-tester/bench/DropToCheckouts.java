import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * From a sold-out drop to paid orders, through the gateway of a running stack (docs/benchmarks.md):
 * {@code java load-tester/bench/DropToCheckouts.java [http://localhost:8080] [units]}. A drop of {@code units} cakes
 * (one per viewer) on the demo catalog's most stocked SKU; as many viewers buy at once (64 in flight); then every
 * buyer's checkout is followed until it settles. Prints how long the stream took to sell out and how long until the
 * last of those checkouts was confirmed (each unit taken from the drop's hold in the catalog), and the catalog's
 * stock before and after. Needs only a JDK 21+; it stops by itself.
 */
public class DropToCheckouts {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        String gateway = args.length > 0 ? args[0] : "http://localhost:8080";
        int units = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        String run = UUID.randomUUID().toString().substring(0, 8);
        String operator = token(gateway, "drop-bench-ops-" + run, "OPERATOR");
        String sku = mostStocked(gateway);
        int before = available(gateway, sku);
        String channel = field(expect(post(gateway, "/api/livestreams/channels", operator, "{\"name\":\"Bench\",\"kol\":\"Bench KOL\"}"), 201), "id");
        String session = field(expect(post(gateway, "/api/livestreams/channels/" + channel + "/sessions", operator,
                "{\"title\":\"Drop bench\",\"kind\":\"REGULAR\",\"scheduledStart\":\"" + Instant.now() + "\"}"), 201), "id");
        expect(post(gateway, "/api/livestreams/sessions/" + session + "/start", operator, null), 200);
        String drop = field(expect(post(gateway, "/api/livestreams/sessions/" + session + "/drops", operator, """
                {"skuId":"%s","title":"Bench cake","priceFen":990,"currency":"CNY","quantity":%d,"perViewerLimit":1,"opensAt":"%s"}"""
                .formatted(sku, units, Instant.now().minusSeconds(86_400 * 30))), 201), "id");
        int held = available(gateway, sku);

        List<String> tokens = new ArrayList<>();
        for (int v = 0; v < units; v++) {
            tokens.add(token(gateway, "drop-bench-" + run + "-" + v, "SHOPPER"));
        }
        record Bought(String token, String checkout) {
        }
        ConcurrentLinkedQueue<Bought> bought = new ConcurrentLinkedQueue<>();
        java.util.Map<String, Integer> refused = new java.util.concurrent.ConcurrentSkipListMap<>();
        Semaphore inFlight = new Semaphore(64);
        String body = """
                {"quantity":1,"delivery":{"recipient":"Bench","street":"1 Wensan Road","city":"Hangzhou","province":"Zhejiang",
                 "latitude":30.27,"longitude":120.15}}""";
        long start = System.nanoTime();
        try (var buyers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String token : tokens) {
                buyers.submit(() -> {
                    inFlight.acquire();
                    try {
                        HttpResponse<String> r = post(gateway, "/api/livestreams/drops/" + drop + "/purchases", token, body);
                        if (r.statusCode() == 201) {
                            bought.add(new Bought(token, field(r.body(), "checkoutId")));
                        } else {
                            refused.merge(r.statusCode() + " " + r.body().replaceAll(".*\"detail\":\"([^\"]*)\".*", "$1"), 1, Integer::sum);
                        }
                    } catch (java.io.IOException e) {
                        refused.merge("no answer: " + e, 1, Integer::sum);
                    } finally {
                        inFlight.release();
                    }
                    return null;
                });
            }
        }
        long soldOut = System.nanoTime();
        int confirmed = 0;
        int cancelled = 0;
        int other = 0;
        for (Bought b : bought) {
            HttpResponse<String> view = send(HttpRequest.newBuilder(URI.create(gateway + "/api/orders/checkouts/" + b.checkout()))
                    .header("Authorization", "Bearer " + b.token()).header("Prefer", "wait=30").GET());
            String state = view.statusCode() == 200 ? field(view.body(), "state") : "HTTP " + view.statusCode();
            switch (state) {
                case "CONFIRMED" -> confirmed++;
                case "CANCELLED" -> cancelled++;
                default -> other++;
            }
        }
        long settled = System.nanoTime();
        int afterSales = available(gateway, sku);
        // The show ends; what the drop did not sell goes back to the shop after the grace.
        expect(post(gateway, "/api/livestreams/sessions/" + session + "/end", operator, null), 200);
        int returned = afterSales;
        for (int i = 0; i < 60 && returned == afterSales && bought.size() < units; i++) {
            Thread.sleep(1_000);
            returned = available(gateway, sku);
        }
        System.out.printf("""
                drop of %d on SKU %s: %d bought in %.1f s; checkouts followed until the last settled %.1f s after the first press
                  refused: %s
                  %d confirmed, %d cancelled, %d unsettled; catalog available: %d before the drop, %d with the drop held,
                  %d after the sales, %d after the show ended
                """, units, sku, bought.size(), (soldOut - start) / 1e9, (settled - start) / 1e9, refused, confirmed, cancelled,
                other, before, held, afterSales, returned);
    }

    private static String mostStocked(String gateway) throws Exception {
        String list = expect(get(gateway, "/api/catalog/products?featured=true&limit=50"), 200);
        String best = null;
        int most = -1;
        Matcher ids = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(list);
        while (ids.find()) {
            String product = expect(get(gateway, "/api/catalog/products/" + ids.group(1)), 200);
            Matcher sku = Pattern.compile("\"skus\":\\[\\{\"id\":\"([0-9a-f-]{36})\"").matcher(product);
            Matcher available = Pattern.compile("\"available\":(\\d+)").matcher(product);
            if (sku.find() && available.find() && Integer.parseInt(available.group(1)) > most) {
                most = Integer.parseInt(available.group(1));
                best = sku.group(1);
            }
        }
        return best;
    }

    private static int available(String gateway, String sku) throws Exception {
        String products = expect(get(gateway, "/api/catalog/products?featured=true&limit=50"), 200);
        Matcher ids = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(products);
        while (ids.find()) {
            String product = expect(get(gateway, "/api/catalog/products/" + ids.group(1)), 200);
            if (product.contains(sku)) {
                Matcher available = Pattern.compile("\"available\":(\\d+)").matcher(product.substring(product.indexOf(sku)));
                return available.find() ? Integer.parseInt(available.group(1)) : -1;
            }
        }
        return -1;
    }

    private static String token(String gateway, String subject, String role) throws Exception {
        return field(expect(post(gateway, "/dev/tokens", null, "{\"subject\":\"" + subject + "\",\"role\":\"" + role + "\"}"), 200), "token");
    }

    private static HttpResponse<String> get(String gateway, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(gateway + path)).GET());
    }

    private static HttpResponse<String> post(String gateway, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
