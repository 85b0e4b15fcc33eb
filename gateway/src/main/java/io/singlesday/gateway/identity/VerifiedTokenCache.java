package io.singlesday.gateway.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token verified once is not verified again on each of the shopper's next requests: its signature check and
 * parse were a third of the gateway's CPU on a proxied call (docs/benchmarks.md). Only a token the delegate
 * accepted is kept, keyed by its whole text (signature included, so a changed byte is a different key), and never
 * past its own expiry or {@code maxAge}, whichever comes first; a refusal is never kept, so a bad token meets the
 * full check every time. Envoy's jwt_authn filter keeps such a cache for the same reason.
 */
public final class VerifiedTokenCache implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final Cache<String, Jwt> verified;
    private final Clock clock;
    private final Duration maxAge;

    public VerifiedTokenCache(ReactiveJwtDecoder delegate, long maxEntries, Duration maxAge) {
        this(delegate, maxEntries, maxAge, Clock.systemUTC(), Ticker.systemTicker());
    }

    VerifiedTokenCache(ReactiveJwtDecoder delegate, long maxEntries, Duration maxAge, Clock clock, Ticker ticker) {
        this.delegate = delegate;
        this.clock = clock;
        this.maxAge = maxAge;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(ticker)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> keepFor(jwt)))
                .build();
    }

    @Override
    public Mono<Jwt> decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            return Mono.just(known);
        }
        return delegate.decode(token).doOnNext(jwt -> {
            if (keepFor(jwt).isPositive()) {
                verified.put(token, jwt);
            }
        });
    }

    /** Until the token expires, at most {@code maxAge}; a token without an expiry is kept {@code maxAge}. */
    private Duration keepFor(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return maxAge;
        }
        Duration left = Duration.between(clock.instant(), expiresAt);
        return left.compareTo(maxAge) < 0 ? left : maxAge;
    }

    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }
}
