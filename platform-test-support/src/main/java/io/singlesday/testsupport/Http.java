package io.singlesday.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Plain HTTP calls as a client of the platform makes them, and the check that an error is a problem document. */
public final class Http {

    private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Http() {
    }

    public static HttpResponse<String> send(String baseUrl, String method, String path, String token, String json)
            throws Exception {
        return send(baseUrl, method, path, token, json, java.util.Map.of());
    }

    public static HttpResponse<String> send(String baseUrl, String method, String path, String token, String json,
                                            java.util.Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A top-level-looking field's value in a JSON answer (first occurrence), without a JSON library round trip. */
    public static String field(String json, String name) {
        var matcher = java.util.regex.Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(json);
        assertThat(matcher.find()).as(name + " in " + json).isTrue();
        return matcher.group(1);
    }

    /** An RFC 9457 answer with this status, and nothing of a stack trace in it. */
    public static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":" + status).doesNotContain("Exception").doesNotContain("\tat ")
                .as("every problem names its kind, never about:blank").contains("\"type\":\"tag:singlesday.dev,2026:problem:");
    }

    /** As {@link #assertProblem(HttpResponse, int)}, and of this kind (the slug of a ProblemType, e.g. sold-out). */
    public static void assertProblem(HttpResponse<String> response, int status, String kind) {
        assertProblem(response, status);
        assertThat(response.body()).contains("\"type\":\"tag:singlesday.dev,2026:problem:" + kind + "\"");
    }
}
