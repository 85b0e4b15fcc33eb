package io.singlesday.platform.identity;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.EnumSet;
import java.util.Set;

/** Who is calling, as the verified token says: the subject, the roles, and for BRAND the brand it acts for. */
public record Caller(String subject, Set<Role> roles, String brandId) {

    public static final String ROLES_CLAIM = "roles";
    public static final String BRAND_CLAIM = "brand_id";

    public static Caller of(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
            return new Caller(null, Set.of(), null);
        }
        return of(jwt);
    }

    public static Caller of(Jwt jwt) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        var claimed = jwt.getClaimAsStringList(ROLES_CLAIM);
        if (claimed != null) {
            for (String r : claimed) {
                for (Role role : Role.values()) {
                    if (role.name().equals(r)) {
                        roles.add(role);
                    }
                }
            }
        }
        return new Caller(jwt.getSubject(), Set.copyOf(roles), jwt.getClaimAsString(BRAND_CLAIM));
    }

    /** The brand as a catalog brand id; empty when the token names none or one that is not a UUID. */
    public java.util.Optional<java.util.UUID> brandUuid() {
        if (brandId == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(java.util.UUID.fromString(brandId));
        } catch (IllegalArgumentException notAUuid) {
            return java.util.Optional.empty();
        }
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
