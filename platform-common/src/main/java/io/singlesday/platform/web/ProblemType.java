package io.singlesday.platform.web;

import org.springframework.http.ProblemDetail;

import java.net.URI;

/**
 * The kinds of refusal a client may branch on, as the problem's {@code type} (RFC 9457), so that "sold out" and "over
 * your limit" are told apart without reading the detail text. The URIs are tag URIs (RFC 4151): stable names, not
 * pages; docs/problems.md lists them. A problem no use case typed gets the kind of its status.
 */
public enum ProblemType {

    // The kind of a status, for problems no use case typed.
    INVALID_REQUEST("invalid-request", "The request is malformed or a field is invalid"),
    UNAUTHENTICATED("unauthenticated", "A valid bearer token is needed"),
    FORBIDDEN("forbidden", "The caller's role or ownership does not allow this"),
    NOT_FOUND("not-found", "No such resource for this caller"),
    CONFLICT("conflict", "The resource's state does not allow this now"),
    GONE("gone", "The thing asked for is no longer available"),
    TOO_LARGE("too-large", "The request body is larger than allowed"),
    REFUSED("refused", "Understood, but refused by a business rule"),
    AT_CAPACITY("at-capacity", "Shed to protect the platform; retry after Retry-After with the same Idempotency-Key"),
    UNAVAILABLE("unavailable", "A dependency is unreachable; retry after Retry-After"),
    INTERNAL("internal", "An unexpected fault; retry a write with the same Idempotency-Key"),
    OTHER("other", "A problem of another status"),

    // Refusals a client is expected to tell apart.
    SOLD_OUT("sold-out", "Every unit (or coupon) is gone"),
    OVER_LIMIT("over-limit", "The per-shopper or per-viewer limit is reached"),
    IDEMPOTENCY_KEY_REQUIRED("idempotency-key-required", "This write needs an Idempotency-Key header"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "This Idempotency-Key was used for a different request");

    private static final String PREFIX = "tag:singlesday.dev,2026:problem:";

    private final URI uri;
    private final String title;

    ProblemType(String slug, String title) {
        this.uri = URI.create(PREFIX + slug);
        this.title = title;
    }

    public URI uri() {
        return uri;
    }

    public String title() {
        return title;
    }

    public static ProblemType ofStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_REQUEST;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404, 405 -> NOT_FOUND;
            case 409 -> CONFLICT;
            case 410 -> GONE;
            case 413 -> TOO_LARGE;
            case 422 -> REFUSED;
            case 429 -> AT_CAPACITY;
            case 502, 503, 504 -> UNAVAILABLE;
            default -> status >= 500 ? INTERNAL : OTHER;
        };
    }

    /** Marks the problem as of this kind, with its title. */
    public ProblemDetail applyTo(ProblemDetail problem) {
        problem.setType(uri);
        problem.setTitle(title);
        return problem;
    }

    /** Gives an untyped problem (type absent or about:blank) the kind of its status; a typed one keeps its type. */
    public static ProblemDetail typeIfUntyped(ProblemDetail problem) {
        URI type = problem.getType();
        if (type == null || "about:blank".equals(type.toString())) {
            problem.setType(ofStatus(problem.getStatus()).uri());
        }
        return problem;
    }
}
