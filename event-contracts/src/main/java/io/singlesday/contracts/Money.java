package io.singlesday.contracts;

import java.util.Objects;

/** An exact amount in minor units (fen for CNY) with its ISO 4217 currency. Never a double. */
public record Money(long minor, String currency) {

    public static final String CNY = "CNY";

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (!isIsoCode(currency)) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code");
        }
    }

    /** Three capital letters; checked by hand, as every decoded amount passes here and a regex compiles per call. */
    private static boolean isIsoCode(String currency) {
        if (currency.length() != 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            char c = currency.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    public static Money fen(long fen) {
        return new Money(fen, CNY);
    }
}
