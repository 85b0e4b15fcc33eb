package io.singlesday.platform.identity;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Signs platform tokens with an RSA private key (PKCS#8 PEM). Services only ever hold the public key. In the
 * local stack the gateway's dev-token endpoint and the tests use this; in production an identity provider
 * issues the same claims.
 */
public final class TokenMinter {

    public static final String ISSUER = "singlesday-local";
    public static final String AUDIENCE = "singlesday";

    private final JwtEncoder encoder;

    public TokenMinter(RSAPrivateCrtKey privateKey) {
        RSAPublicKey publicKey = publicKeyOf(privateKey);
        this.encoder = NimbusJwtEncoder.withKeyPair(publicKey, privateKey).build();
    }

    public static TokenMinter fromPem(Path privateKeyPem) {
        try {
            String pem = Files.readString(privateKeyPem);
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            var key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return new TokenMinter((RSAPrivateCrtKey) key);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("Cannot read an RSA private key (PKCS#8 PEM) from " + privateKeyPem, e);
        }
    }

    public String mint(String subject, Role role, String brandId, Duration ttl) {
        return mint(subject, role, brandId, Instant.now(), ttl);
    }

    /** With an explicit issue time: tests use it to make tokens that have already expired. */
    public String mint(String subject, Role role, String brandId, Instant issuedAt, Duration ttl) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(role, "role");
        if (role == Role.BRAND && (brandId == null || brandId.isBlank())) {
            throw new IllegalArgumentException("a BRAND token must name the brand it acts for");
        }
        Instant now = issuedAt;
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .audience(List.of(AUDIENCE))
                .subject(subject)
                .issuedAt(now)
                .expiresAt(now.plus(ttl))
                .claim(Caller.ROLES_CLAIM, List.of(role.name()));
        if (brandId != null && role == Role.BRAND) {
            claims.claim(Caller.BRAND_CLAIM, brandId);
        }
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
    }

    private static RSAPublicKey publicKeyOf(RSAPrivateCrtKey key) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
