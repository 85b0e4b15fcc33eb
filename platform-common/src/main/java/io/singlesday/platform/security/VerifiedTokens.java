package io.singlesday.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Tokens whose signature, audience and times were already checked, by their exact text: a shopper sends the same
 * token with every request, and an RSA verification costs more than the rest of a proxied call. A token is only
 * ever found again by the very same string (signature included), it leaves the cache when it expires or after
 * {@code RETAIN}, whichever is first, and it is never valid before its not-before time; anything else goes to the
 * real decoder. Bounded, so a flood of distinct tokens costs memory no more than a flood of verifications.
 */
public final class VerifiedTokens {

    private static final Duration RETAIN = Duration.ofMinutes(5);
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final Cache<String, Jwt> verified;
    private final Supplier<Instant> clock;

    public VerifiedTokens(int maximumSize, Supplier<Instant> clock) {
        this.verified = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(RETAIN).build();
        this.clock = clock;
    }

    Jwt find(String token) {
        Jwt jwt = verified.getIfPresent(token);
        if (jwt == null) {
            return null;
        }
        Instant now = clock.get();
        // The decoder allowed the same skew when it accepted the token.
        boolean current = (jwt.getExpiresAt() == null || now.isBefore(jwt.getExpiresAt().plus(CLOCK_SKEW)))
                && (jwt.getNotBefore() == null || !now.isBefore(jwt.getNotBefore().minus(CLOCK_SKEW)));
        if (!current) {
            verified.invalidate(token);
            return null;
        }
        return jwt;
    }

    void remember(String token, Jwt jwt) {
        verified.put(token, jwt);
    }

    public JwtDecoder caching(JwtDecoder decoder) {
        return token -> {
            Jwt known = find(token);
            if (known != null) {
                return known;
            }
            Jwt jwt = decoder.decode(token);
            remember(token, jwt);
            return jwt;
        };
    }

    /** The gateway's reactive decoder; a class of its own, so servlet services need no Reactor on their classpath. */
    static final class Reactive {

        private Reactive() {
        }

        static Object wrapIfDecoder(Object bean, VerifiedTokens tokens) {
            if (!(bean instanceof org.springframework.security.oauth2.jwt.ReactiveJwtDecoder decoder)) {
                return bean;
            }
            return (org.springframework.security.oauth2.jwt.ReactiveJwtDecoder) token -> {
                Jwt known = tokens.find(token);
                return known != null ? reactor.core.publisher.Mono.just(known)
                        : decoder.decode(token).doOnNext(jwt -> tokens.remember(token, jwt));
            };
        }
    }
}
