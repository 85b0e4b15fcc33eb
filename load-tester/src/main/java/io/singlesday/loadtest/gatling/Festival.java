package io.singlesday.loadtest.gatling;

import io.singlesday.loadtest.replay.DevTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Plain calls to the stack around a run, outside the measured load: tokens from the local identity, the festival
 * clock, what to buy and at what stock, the coupon campaign and cat drop the run plays, and the verdict's figures.
 */
final class Festival {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI target;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final DevTokens tokens;

    Festival(URI target) {
        this.target = target;
        this.tokens = new DevTokens(target, http);
    }

    String token(String subject, String role) {
        return tokens.token(subject, role, null);
    }

    String token(String subject, String role, String brandId) {
        return tokens.token(subject, role, brandId);
    }

    /** The first SKU of each product a catalog query lists, with where it is sold, its price and its stock now. */
    java.util.List<Brushing.Listing> listings(String query) {
        java.util.List<Brushing.Listing> listings = new java.util.ArrayList<>();
        for (JsonNode product : json(expect(call("GET", "/api/catalog/products?" + query, null, null), 200)).path("items")) {
            JsonNode sku = json(expect(call("GET", "/api/catalog/products/" + product.path("id").asString(), null, null), 200))
                    .path("skus").path(0);
            if (!sku.isMissingNode()) {
                listings.add(new Brushing.Listing(product.path("id").asString(), sku.path("id").asString(),
                        product.path("storeId").asString(), product.path("brandId").asString(), sku.path("price").path("minor").asLong(),
                        sku.path("available").asInt()));
            }
        }
        return listings;
    }

    /** Starts the festival clock {@code eveSeconds} of compressed time before midnight, at that speed. */
    void startTheClock(String operator, double eveSeconds, double compression) {
        java.time.Instant start = midnight().minusNanos(Math.round(eveSeconds * compression * 1e9)).toInstant();
        expect(call("PUT", "/api/clock", operator, "{\"festivalTime\":\"" + start + "\",\"speed\":" + compression + "}"), 200);
    }

    /**
     * Tells the screen the scale of the day about to be played, so it compares with last year at that scale; a run
     * that does not follow the curve (a steady rate) withdraws any earlier announcement instead.
     */
    void announceScale(String operator, long dayOrders, String basis) {
        expect(call("PUT", "/api/gmv/scale", operator, "{\"dayOrders\":" + dayOrders + ",\"basis\":\"" + basis + "\"}"), 200);
    }

    void withdrawScale(String operator) {
        expect(call("DELETE", "/api/gmv/scale", operator, null), 204);
    }

    /** This festival's midnight, in the year the stack's clock is in. */
    OffsetDateTime midnight() {
        int year = OffsetDateTime.parse(json(call("GET", "/api/clock", null, null).body()).path("festivalTime").asString()).getYear();
        return OffsetDateTime.parse(year + "-11-11T00:00:00+08:00");
    }

    /** The first SKU of each product a catalog query lists, with its available stock now. */
    Map<String, Integer> skus(String query) {
        Map<String, Integer> skus = new LinkedHashMap<>();
        listings(query).forEach(listing -> skus.put(listing.skuId(), listing.available()));
        return skus;
    }

    /** A platform voucher for the run to claim: few coupons, many claimers, so it runs out. */
    String couponCampaign(String operator, int coupons) {
        OffsetDateTime midnight = midnight();
        String body = """
                {"scope":"PLATFORM","title":"Load run voucher %s","thresholdFen":10000,"discountFen":1000,"stepped":false,
                 "totalStock":%d,"perShopper":1,"claimFrom":"%s","claimUntil":"%s","redeemFrom":"%s","redeemUntil":"%s"}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8), coupons, midnight.minusDays(3).toInstant(),
                        midnight.plusDays(3).toInstant(), midnight.minusDays(3).toInstant(), midnight.plusDays(3).toInstant());
        return json(expect(call("POST", "/api/coupons/campaigns", operator, body, "Idempotency-Key", UUID.randomUUID().toString()),
                201)).path("id").asString();
    }

    int couponsIssued(String campaign) {
        return json(expect(call("GET", "/api/coupons/campaigns/" + campaign, null, null), 200)).path("issued").asInt();
    }

    /** A cat hiding within {@code radiusM} of a point for the run to catch. */
    String catDrop(String operator, String campaign, String lat, String lon, int radiusM) {
        OffsetDateTime midnight = midnight();
        String body = """
                {"campaignId":"%s","title":"Load run cat","latitude":%s,"longitude":%s,"radiusM":%d,"opensAt":"%s","closesAt":"%s"}"""
                .formatted(campaign, lat, lon, radiusM, midnight.minusDays(3).toInstant(),
                        midnight.plusDays(3).toInstant());
        return json(expect(call("POST", "/api/coupons/cat-drops", operator, body, "Idempotency-Key", UUID.randomUUID().toString()),
                201)).path("id").asString();
    }

    static final long DROP_PRICE_FEN = 990;

    /** A KOL channel with a live session and a drop of {@code units} (one per viewer), open now. */
    String[] liveDrop(String operator, String sku, int units) {
        String key = UUID.randomUUID().toString();
        String channel = json(expect(call("POST", "/api/livestreams/channels", operator,
                "{\"name\":\"Load run live\",\"kol\":\"Load KOL\"}", "Idempotency-Key", key), 201)).path("id").asString();
        String session = json(expect(call("POST", "/api/livestreams/channels/" + channel + "/sessions", operator,
                "{\"title\":\"Midnight show\",\"kind\":\"REGULAR\",\"scheduledStart\":\"" + midnight().toInstant() + "\"}",
                "Idempotency-Key", key + "-s"), 201)).path("id").asString();
        expect(call("POST", "/api/livestreams/sessions/" + session + "/start", operator, null, "Idempotency-Key", key + "-l"), 200);
        String drop = json(expect(call("POST", "/api/livestreams/sessions/" + session + "/drops", operator, """
                {"skuId":"%s","title":"Midnight cake","priceFen":%d,"currency":"CNY","quantity":%d,"perViewerLimit":1,"opensAt":"%s"}"""
                .formatted(sku, DROP_PRICE_FEN, units, midnight().minusDays(3).toInstant()), "Idempotency-Key", key + "-d"), 201)).path("id").asString();
        return new String[]{session, drop};
    }

    int dropGranted(String drop) {
        return json(expect(call("GET", "/api/livestreams/drops/" + drop, null, null), 200)).path("granted").asInt();
    }

    HttpResponse<String> call(String method, String path, String token, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot reach " + target.resolve(path) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static JsonNode json(String body) {
        return JSON.readTree(body);
    }
}
