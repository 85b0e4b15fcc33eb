package io.singlesday.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

    private final Instant start = Instant.parse("2026-11-11T00:00:00Z");
    private Clock clock = Clock.fixed(start, ZoneOffset.UTC);
    private final AtomicInteger verifications = new AtomicInteger();

    /** Verifies "good-N" tokens that expire ten minutes after the start, refuses everything else. */
    private final JwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        if (!token.startsWith("good")) {
            throw new BadJwtException("bad signature");
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject(token).issuedAt(start)
                .expiresAt(start.plus(Duration.ofMinutes(10))).build();
    };

    @Test
    void aTokenIsVerifiedOnceThenFoundByItsExactText() {
        VerifiedTokens tokens = new VerifiedTokens(100, () -> clock.instant());
        JwtDecoder decoder = tokens.caching(verifier);
        assertThat(decoder.decode("good-1").getSubject()).isEqualTo("good-1");
        assertThat(decoder.decode("good-1").getSubject()).isEqualTo("good-1");
        assertThat(verifications).hasValue(1);
        decoder.decode("good-2");
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRefusedTokenIsNeverRememberedAndIsVerifiedEveryTime() {
        JwtDecoder decoder = new VerifiedTokens(100, () -> clock.instant()).caching(verifier);
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void anExpiredTokenGoesBackToTheVerifierWhichDecides() {
        VerifiedTokens tokens = new VerifiedTokens(100, () -> clock.instant());
        JwtDecoder decoder = tokens.caching(verifier);
        decoder.decode("good-1");
        clock = Clock.fixed(start.plus(Duration.ofMinutes(12)), ZoneOffset.UTC);
        assertThat(tokens.find("good-1")).isNull();
        decoder.decode("good-1");
        assertThat(verifications).hasValue(2);
    }
}
