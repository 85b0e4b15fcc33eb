package io.singlesday.loadtest.replay;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tokens from a local stack's {@code /dev/tokens}, one per caller, valid for a day: what replays and load runs send. */
public final class DevTokens {

    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    private final URI target;
    private final HttpClient http;
    private final Map<String, String> minted = new ConcurrentHashMap<>();

    public DevTokens(URI target, HttpClient http) {
        this.target = target;
        this.http = http;
    }

    public String token(String subject, String role, String brandId) {
        return minted.computeIfAbsent(subject + "|" + role + "|" + (brandId == null ? "" : brandId), id -> mint(subject, role, brandId));
    }

    private String mint(String subject, String role, String brandId) {
        String body = "{\"subject\":\"" + json(subject) + "\",\"role\":\"" + json(role) + "\""
                + (brandId == null ? "" : ",\"brandId\":\"" + json(brandId) + "\"") + ",\"ttlMinutes\":1440}";
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(target.resolve("/dev/tokens"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher token = TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !token.find()) {
                throw new IllegalStateException("the target minted no token for " + subject + " (" + response.statusCode()
                        + "); replays and load runs need a stack with /dev/tokens, like ./festival");
            }
            return token.group(1);
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + target + " for tokens: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
