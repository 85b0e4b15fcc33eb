package io.singlesday.gateway.identity;

import io.singlesday.platform.identity.Role;
import io.singlesday.platform.identity.TokenMinter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Mints tokens for any user and role, for the local stack and load tests only: it exists only where the
 * private signing key is configured, which no production deployment does (there an identity provider signs).
 */
@RestController
@ConditionalOnExpression("'${festival.dev-tokens.private-key-location:}' != ''")
public class DevTokenController {

    private final TokenMinter minter;

    public DevTokenController(@Value("${festival.dev-tokens.private-key-location}") String privateKeyLocation) {
        this.minter = TokenMinter.fromPem(Path.of(privateKeyLocation.replaceFirst("^file:", "")));
    }

    @PostMapping("/dev/tokens")
    public IssuedToken mint(@Valid @RequestBody TokenRequest request) {
        if (request.role() == Role.BRAND && (request.brandId() == null || request.brandId().isBlank())) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'brandId' is required for role BRAND");
        }
        Duration ttl = Duration.ofMinutes(request.ttlMinutes() == null ? 60 : request.ttlMinutes());
        String token = minter.mint(request.subject(), request.role(), request.brandId(), ttl);
        return new IssuedToken(token, "Bearer", Instant.now().plus(ttl), request.subject(), request.role());
    }

    public record TokenRequest(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._@-]{1,64}", message = "letters, digits and ._@- only, at most 64")
            String subject,
            @NotNull Role role,
            @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "letters, digits and ._- only, at most 64")
            String brandId,
            @Min(1) @Max(24 * 60) Integer ttlMinutes) {
    }

    public record IssuedToken(String token, String tokenType, Instant expiresAt, String subject, Role role) {
    }
}
