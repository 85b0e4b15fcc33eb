package io.singlesday.platform.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class DevSigningKeysTest {

    @Test
    void thePairItMakesSignsTokensThePublicHalfVerifiesAndOnlyTheOwnerReadsThePrivateHalf(@TempDir Path dir) throws Exception {
        Path privateDir = dir.resolve("private");
        Path publicDir = dir.resolve("keys");
        DevSigningKeys.main(new String[] {privateDir.toString(), publicDir.toString()});

        Path privatePem = privateDir.resolve("jwt-private.pem");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privatePem))).isEqualTo("r--------");
        String token = TokenMinter.fromPem(privatePem).mint("alice", Role.SHOPPER, null, Duration.ofMinutes(5));
        Jwt jwt = NimbusJwtDecoder.withPublicKey(publicKey(publicDir.resolve("jwt-public.pem"))).build().decode(token);
        assertThat(jwt.getSubject()).isEqualTo("alice");
    }

    @Test
    void aPairAlreadyThereIsKept(@TempDir Path dir) throws Exception {
        DevSigningKeys.main(new String[] {dir.toString(), dir.toString()});
        String first = Files.readString(dir.resolve("jwt-public.pem"));
        DevSigningKeys.main(new String[] {dir.toString(), dir.toString()});
        assertThat(Files.readString(dir.resolve("jwt-public.pem"))).isEqualTo(first);
    }

    private static RSAPublicKey publicKey(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
