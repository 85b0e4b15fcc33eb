package io.singlesday.catalog.access;

import io.singlesday.platform.identity.Caller;
import io.singlesday.platform.identity.Role;
import io.singlesday.platform.web.ApiProblem;
import org.springframework.security.core.Authentication;

import java.util.UUID;

/** The brand a BRAND caller acts for, from the verified token; the only brand whose data it may see or touch. */
public final class BrandAccess {

    private BrandAccess() {
    }

    public static UUID brandOf(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        if (!caller.has(Role.BRAND) || caller.brandId() == null) {
            throw ApiProblem.forbidden("Only a brand's own accounts manage its store");
        }
        return caller.brandUuid().orElseThrow(() -> ApiProblem.forbidden("The token's brand is not a catalog brand id"));
    }
}
