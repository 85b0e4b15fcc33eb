package io.singlesday.contracts;

import java.util.Objects;

/** An exact amount in minor units (fen for CNY) with its ISO 4217 currency. Never a double. */
public record Money(long minor, String currency) {

    public static final String CNY = "CNY";

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (!currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code");
        }
    }

    public static Money fen(long fen) {
        return new Money(fen, CNY);
    }
}
