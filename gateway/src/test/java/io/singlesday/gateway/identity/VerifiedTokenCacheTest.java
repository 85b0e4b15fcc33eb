package io.singlesday.gateway.identity;

import com.github.benmanes.caffeine.cache.Ticker;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-11T00:00:00Z");

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final List<String> checked = new ArrayList<>();

    /** Accepts tokens named "good-*", expiring when the test says; refuses anything else, as a bad signature. */
    private ReactiveJwtDecoder checking(Duration validFor) {
        return token -> {
            checked.add(token);
            if (!token.startsWith("good-")) {
                return Mono.error(new BadJwtException("signature does not match"));
            }
            return Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject("alice")
                    .issuedAt(NOW.minus(Duration.ofHours(2))).expiresAt(NOW.plus(validFor)).build());
        };
    }

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    @Test
    void aTokenVerifiedOnceIsNotVerifiedAgain() {
        VerifiedTokenCache cache = new VerifiedTokenCache(checking(Duration.ofHours(1)), 100, Duration.ofMinutes(5), clock, ticker);

        Jwt first = cache.decode("good-1").block();
        Jwt again = cache.decode("good-1").block();

        assertThat(again).isSameAs(first);
        assertThat(checked).containsExactly("good-1");
    }

    @Test
    void aRefusedTokenIsCheckedEveryTime() {
        VerifiedTokenCache cache = new VerifiedTokenCache(checking(Duration.ofHours(1)), 100, Duration.ofMinutes(5), clock, ticker);

        assertThatThrownBy(() -> cache.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> cache.decode("forged").block()).isInstanceOf(BadJwtException.class);

        assertThat(checked).containsExactly("forged", "forged");
        assertThat(cache.size()).isZero();
    }

    @Test
    void aTokenIsNotKeptPastItsExpiry() {
        VerifiedTokenCache cache = new VerifiedTokenCache(checking(Duration.ofSeconds(30)), 100, Duration.ofMinutes(5), clock, ticker);
        cache.decode("good-short").block();

        advance(Duration.ofSeconds(29));
        cache.decode("good-short").block();
        assertThat(checked).hasSize(1);

        advance(Duration.ofSeconds(2));
        cache.decode("good-short").block();
        assertThat(checked).as("past its expiry the token meets the full check again").hasSize(2);
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterTheMaximumAge() {
        VerifiedTokenCache cache = new VerifiedTokenCache(checking(Duration.ofDays(1)), 100, Duration.ofMinutes(5), clock, ticker);
        cache.decode("good-long").block();

        advance(Duration.ofMinutes(5).plusSeconds(1));
        cache.decode("good-long").block();

        assertThat(checked).containsExactly("good-long", "good-long");
    }

    @Test
    void anAlreadyExpiredAcceptanceIsNotKept() {
        VerifiedTokenCache cache = new VerifiedTokenCache(checking(Duration.ofSeconds(-1)), 100, Duration.ofMinutes(5), clock, ticker);

        cache.decode("good-stale").block();
        cache.decode("good-stale").block();

        assertThat(checked).hasSize(2);
    }

    @Test
    void theCacheStaysWithinItsSize() {
        VerifiedTokenCache cache = new VerifiedTokenCache(checking(Duration.ofHours(1)), 50, Duration.ofMinutes(5), clock, ticker);

        for (int i = 0; i < 500; i++) {
            cache.decode("good-" + i).block();
        }

        assertThat(cache.size()).isLessThanOrEqualTo(50);
    }
}
