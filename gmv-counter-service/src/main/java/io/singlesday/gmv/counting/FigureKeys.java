package io.singlesday.gmv.counting;

import java.time.Instant;
import java.util.UUID;

/**
 * The names of the counter's figures: {@code dimension|value}, and {@code b|brand|dimension|value} for the
 * analytics a brand sees of itself. Time buckets carry ten-digit epoch seconds, so the byte order of keys is
 * time order and a range scan reads a stretch of the day.
 */
public final class FigureKeys {

    public static final String TOTAL = "total";
    public static final String CHANNEL = "channel";
    public static final String DEVICE = "device";
    public static final String CITY = "city";
    public static final String PROVINCE = "province";
    public static final String COUNTRY = "country";
    public static final String CATEGORY = "category";
    public static final String BRAND = "brand";
    public static final String SESSION = "session";
    public static final String SECOND = "second";
    public static final String MINUTE = "minute";
    public static final String HOUR = "hour";
    /** What returns gave back, in all and per festival second of the refund; the headline GMV stays gross. */
    public static final String REFUNDS = "refunds";
    public static final String REFUND_SECOND = "refund-second";
    /** A brand's own refunds, under its prefix: its analytics are net of them. */
    public static final String BRAND_REFUNDS = "refunds|all";

    private FigureKeys() {
    }

    public static String of(String dimension, String value) {
        return dimension + '|' + value;
    }

    public static String prefix(String dimension) {
        return dimension + '|';
    }

    public static String time(String bucket, Instant at) {
        long seconds = at.getEpochSecond();
        long start = switch (bucket) {
            case SECOND, REFUND_SECOND -> seconds;
            case MINUTE -> Math.floorDiv(seconds, 60) * 60;
            case HOUR -> Math.floorDiv(seconds, 3600) * 3600;
            default -> throw new IllegalArgumentException("not a time bucket: " + bucket);
        };
        return of(bucket, tenDigits(start));
    }

    /** Zero-padded to ten digits (String.format parsed its pattern three times for every order counted). */
    private static String tenDigits(long epochSeconds) {
        if (epochSeconds < 0) {
            return String.format("%010d", epochSeconds);
        }
        String digits = Long.toString(epochSeconds);
        return digits.length() >= 10 ? digits : "0".repeat(10 - digits.length()) + digits;
    }

    public static Instant timeOf(String key) {
        return Instant.ofEpochSecond(Long.parseLong(valueOf(key)));
    }

    public static String brandPrefix(UUID brandId) {
        return "b|" + brandId + '|';
    }

    public static String brand(UUID brandId, String dimension, String value) {
        return brandPrefix(brandId) + of(dimension, value);
    }

    /** The part after the last separator: the value of a dimension key. */
    public static String valueOf(String key) {
        return key.substring(key.lastIndexOf('|') + 1);
    }
}
