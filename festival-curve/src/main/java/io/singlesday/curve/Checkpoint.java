package io.singlesday.curve;

/** A published running total of a festival day: so much GMV so many seconds after midnight. */
public record Checkpoint(int year, long secondsAfterMidnight, double cumulativeBillionCny, String as) {

    /**
     * 2019, as Alibaba announced it: 10 billion at 1 min 36 s, 30 billion at 5 min 25 s, 100 billion at 1 h 04 min,
     * 200 billion at 14 h 21 min, 268.4 billion for the day.
     */
    public static final java.util.List<Checkpoint> Y2019 = java.util.List.of(
            new Checkpoint(2019, 96, 10, "1 min 36 s"),
            new Checkpoint(2019, 325, 30, "5 min 25 s"),
            new Checkpoint(2019, 3_840, 100, "1 h 04 min"),
            new Checkpoint(2019, 51_660, 200, "14 h 21 min"),
            new Checkpoint(2019, 86_400, 268.4, "24 h"));
}
