package io.singlesday.contracts.gmv;

import io.singlesday.contracts.Money;

import java.time.Instant;

/**
 * The live GMV passed a mark worth a headline: a round threshold ("the first 1 billion") or the previous year's
 * total ("record broken at 15:19:42"). {@code reachedAt} is the festival second in which the running total
 * crossed the mark; {@code secondsAfterMidnight} measures it from the start of 11 November in Beijing.
 */
public record GmvMilestoneReached(String milestoneId, Kind kind, String label, Money mark, Money totalAtMark,
                                  Instant reachedAt, long secondsAfterMidnight) {

    public enum Kind { ROUND_THRESHOLD, RECORD_BROKEN }
}
