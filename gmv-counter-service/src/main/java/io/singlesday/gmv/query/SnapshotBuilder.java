package io.singlesday.gmv.query;

import io.singlesday.gmv.counting.CounterSettings;
import io.singlesday.gmv.counting.FigureKeys;
import io.singlesday.gmv.counting.Figures;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.clock.FestivalDay;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Predicate;

/** Reads the figures once and turns them into the screen's snapshot. */
@Component
public class SnapshotBuilder {

    static final int TOP = 10;
    static final Duration CHART_WINDOW = Duration.ofSeconds(120);
    private static final Duration RATE_WINDOW = Duration.ofSeconds(10);

    private final FigureView figures;
    private final FestivalClock clock;
    private final CounterSettings settings;
    private final CityPopulations populations;
    private final LastYearComparison lastYear;
    private final io.singlesday.gmv.scale.ScaledMilestones milestones;

    public SnapshotBuilder(FigureView figures, FestivalClock clock, CounterSettings settings,
                           CityPopulations populations, LastYearComparison lastYear,
                           io.singlesday.gmv.scale.ScaledMilestones milestones) {
        this.milestones = milestones;
        this.figures = figures;
        this.clock = clock;
        this.settings = settings;
        this.populations = populations;
        this.lastYear = lastYear;
    }

    public Snapshot build(long version) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        long sinceMidnight = FestivalDay.secondsAfterMidnight(now);
        Figures total = figures.get(FigureKeys.TOTAL);
        PreviousYearCurve previousYear = lastYear.against(total);

        NavigableMap<Instant, Figures> seconds = figures.series(FigureKeys.SECOND, now.minus(CHART_WINDOW), now);
        List<Snapshot.SecondPoint> chart = new ArrayList<>();
        for (Instant at = now.minus(CHART_WINDOW); at.isBefore(now); at = at.plusSeconds(1)) {
            Figures f = seconds.getOrDefault(at, Figures.ZERO);
            chart.add(new Snapshot.SecondPoint(at, f.gmvFen(), f.orders(),
                    previousYear.perSecondFen(FestivalDay.secondsAfterMidnight(at) + 1)));
        }
        Figures lastTen = seconds.tailMap(now.minus(RATE_WINDOW), true).values().stream()
                .reduce(Figures.ZERO, Figures::plus);
        Snapshot.Rate rate = new Snapshot.Rate(lastTen.orders(), ratio(lastTen.orders(), RATE_WINDOW.toSeconds(), 1),
                lastTen.gmvFen(), ratio(lastTen.gmvFen(), RATE_WINDOW.toSeconds() * 100, 2));

        Figures mobile = figures.get(FigureKeys.of(FigureKeys.DEVICE, "MOBILE"));
        Snapshot.Share mobileShare = new Snapshot.Share(percent(mobile.gmvFen(), total.gmvFen()),
                percent(mobile.orders(), total.orders()));

        long lastYearNow = previousYear.cumulativeFen(sinceMidnight);
        Snapshot.PreviousYear versus = new Snapshot.PreviousYear(previousYear.totalFen(), lastYearNow,
                lastYearNow == 0 ? null : percent(total.gmvFen() - lastYearNow, lastYearNow),
                previousYear.totalFen() > 0 && total.gmvFen() > previousYear.totalFen(), previousYear.basis());

        Figures refunded = figures.get(FigureKeys.REFUNDS);
        long refundedLastTen = figures.series(FigureKeys.REFUND_SECOND, now.minus(RATE_WINDOW), now).values().stream()
                .mapToLong(Figures::gmvFen).sum();
        Snapshot.Refunds refunds = new Snapshot.Refunds(amount(refunded.gmvFen()), refunded.orders(), refunded.units(),
                amount(total.gmvFen() - refunded.gmvFen()), refundedLastTen,
                ratio(refundedLastTen, RATE_WINDOW.toSeconds() * 100, 2));

        return new Snapshot(version, now, sinceMidnight, amount(total.gmvFen()), total.orders(), total.units(), rate,
                mobileShare, ranked(FigureKeys.CHANNEL, total, Integer.MAX_VALUE, all -> true),
                ranked(FigureKeys.DEVICE, total, Integer.MAX_VALUE, all -> true),
                ranked(FigureKeys.CITY, total, TOP, all -> true),
                ranked(FigureKeys.PROVINCE, total, TOP, all -> true),
                ranked(FigureKeys.COUNTRY, total, TOP, country -> !"CN".equalsIgnoreCase(country)),
                ranked(FigureKeys.CATEGORY, total, TOP, all -> true),
                ranked(FigureKeys.SESSION, total, TOP, all -> true),
                ranked(FigureKeys.BRAND, total, TOP, all -> true),
                chart, versus, milestones.ofThisRun(figures.milestones()), refunds);
    }

    /** One dimension's values by GMV, highest first; shares are of the platform total. */
    public List<Snapshot.Ranked> ranked(String dimension, Figures total, int limit, Predicate<String> include) {
        Map<String, Figures> values = figures.dimension(FigureKeys.prefix(dimension));
        return values.entrySet().stream()
                .filter(e -> include.test(e.getKey()))
                .sorted(Comparator.comparingLong((Map.Entry<String, Figures> e) -> e.getValue().gmvFen()).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(limit)
                .map(e -> new Snapshot.Ranked(e.getKey(), label(dimension, e.getKey()), e.getValue().gmvFen(), e.getValue().orders(),
                        e.getValue().units(), percent(e.getValue().gmvFen(), total.gmvFen()),
                        FigureKeys.CITY.equals(dimension) ? perCapita(e.getKey(), e.getValue().gmvFen()) : null))
                .toList();
    }

    private String label(String dimension, String name) {
        return FigureKeys.BRAND.equals(dimension) ? figures.brandName(name).orElse(name) : name;
    }

    public Snapshot.Amount amount(long fen) {
        long usdCents = BigDecimal.valueOf(fen).multiply(settings.usdPerCny()).setScale(0, RoundingMode.HALF_EVEN)
                .longValueExact();
        return new Snapshot.Amount(fen, BigDecimal.valueOf(fen, 2).toPlainString(), usdCents,
                BigDecimal.valueOf(usdCents, 2).toPlainString());
    }

    private String perCapita(String city, long fen) {
        var residents = populations.of(city);
        return residents.isPresent() ? ratio(fen, residents.getAsLong() * 100, 4) : null;
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 1,
                RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String ratio(long numerator, long denominator, int scale) {
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), scale, RoundingMode.HALF_EVEN)
                .toPlainString();
    }
}
