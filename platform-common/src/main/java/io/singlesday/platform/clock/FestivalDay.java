package io.singlesday.platform.clock;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZonedDateTime;

/**
 * Where festival time stands relative to the festival day, 11 November in Beijing: the day of the current
 * festival year, so the countdown before midnight and the afterglow of the following days both make sense.
 */
public record FestivalDay(LocalDate date, Phase phase, Duration untilStart, Duration untilEnd) {

    public enum Phase { BEFORE, DURING, AFTER }

    public static FestivalDay at(ZonedDateTime festivalNow) {
        ZonedDateTime local = festivalNow.withZoneSameInstant(FestivalClock.BEIJING);
        LocalDate day = LocalDate.of(local.getYear(), Month.NOVEMBER, 11);
        ZonedDateTime start = day.atStartOfDay(FestivalClock.BEIJING);
        ZonedDateTime end = start.plusDays(1);
        Phase phase = local.isBefore(start) ? Phase.BEFORE : local.isBefore(end) ? Phase.DURING : Phase.AFTER;
        return new FestivalDay(day, phase, nonNegative(Duration.between(local, start)),
                nonNegative(Duration.between(local, end)));
    }

    /**
     * Seconds from the start of 11 November (Beijing) of the instant's year to the instant: negative on the eve,
     * beyond 86,400 in the days after. How the festival's clocks and curves measure "after midnight".
     */
    public static long secondsAfterMidnight(Instant at) {
        int year = at.atZone(FestivalClock.BEIJING).getYear();
        return at.getEpochSecond() - LocalDate.of(year, Month.NOVEMBER, 11).atStartOfDay(FestivalClock.BEIJING).toEpochSecond();
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
