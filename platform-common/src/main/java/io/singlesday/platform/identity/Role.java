package io.singlesday.platform.identity;

/** The three kinds of caller. A token carries them in its {@code roles} claim. */
public enum Role {
    SHOPPER, BRAND, OPERATOR;

    public String authority() {
        return "ROLE_" + name();
    }
}
