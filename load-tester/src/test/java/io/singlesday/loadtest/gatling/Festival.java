package io.singlesday.loadtest.gatling;

import io.singlesday.loadtest.replay.DevTokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain calls to the stack around a run: tokens from the local identity, SKUs to buy, and the verdict's figures. */
final class Festival {

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    private final String target;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final DevTokens tokens;

    Festival(String target) {
        this.target = target;
        this.tokens = new DevTokens(URI.create(target), http);
    }

    String token(String subject, String role) {
        return tokens.token(subject, role, null);
    }

    /** The first SKU of each product a catalog query lists. */
    List<String> skus(String query) {
        List<String> skus = new ArrayList<>();
        Matcher products = ID.matcher(call("GET", "/api/catalog/products?" + query, null, null));
        while (products.find()) {
            String product = call("GET", "/api/catalog/products/" + products.group(1), null, null);
            Matcher sku = ID.matcher(product.substring(Math.max(0, product.indexOf("\"skus\""))));
            if (sku.find()) {
                skus.add(sku.group(1));
            }
        }
        return skus;
    }

    String call(String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + path)).timeout(Duration.ofSeconds(20))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot reach " + target + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
