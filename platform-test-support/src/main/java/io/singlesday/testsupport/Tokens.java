package io.singlesday.testsupport;

import io.singlesday.platform.identity.Role;
import io.singlesday.platform.identity.TokenMinter;

import java.time.Duration;

/** Tokens signed with the test engines' key, as the local stack's dev endpoint would sign them. */
public final class Tokens {

    private static TokenMinter minter;

    private Tokens() {
    }

    public static synchronized TokenMinter minter() {
        if (minter == null) {
            minter = TokenMinter.fromPem(RealEngines.shared().signingKey().privateKeyPem());
        }
        return minter;
    }

    public static String shopper(String subject) {
        return minter().mint(subject, Role.SHOPPER, null, Duration.ofMinutes(30));
    }

    public static String brand(String subject, String brandId) {
        return minter().mint(subject, Role.BRAND, brandId, Duration.ofMinutes(30));
    }

    public static String operator(String subject) {
        return minter().mint(subject, Role.OPERATOR, null, Duration.ofMinutes(30));
    }
}
