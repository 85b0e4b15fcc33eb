package io.singlesday.coupon.promotion;

/** "1??5 RMB": a price whose middle digits stay hidden until the reveal, as the festival's teasers show them. */
public final class MysteryPrice {

    private MysteryPrice() {
    }

    public static String mask(long priceFen) {
        String yuan = Long.toString(Math.ceilDiv(priceFen, 100));
        String masked = yuan.length() <= 2 ? yuan.charAt(0) + "?".repeat(yuan.length() - 1)
                : yuan.charAt(0) + "?".repeat(yuan.length() - 2) + yuan.charAt(yuan.length() - 1);
        return masked + " RMB";
    }

    public static String plain(long priceFen) {
        return "%d.%02d RMB".formatted(priceFen / 100, priceFen % 100);
    }
}
