package io.singlesday.gmv.query;

import io.singlesday.contracts.gmv.GmvMilestoneReached;
import io.singlesday.gmv.counting.FigureKeys;
import io.singlesday.gmv.counting.Figures;
import io.singlesday.platform.clock.FestivalDay;
import io.singlesday.platform.identity.Caller;
import io.singlesday.platform.identity.Role;
import io.singlesday.platform.web.ApiProblem;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The counter's read API. Under {@code /public}: what the media centre may show anyone (totals, rate, mobile
 * share, rankings other than brands, milestones, the series). Brand rankings are for operators; a brand sees
 * its own analytics and nobody else's.
 */
@RestController
@RequestMapping("/api/gmv")
public class GmvController {

    private static final Set<String> PUBLIC_DIMENSIONS = Set.of(FigureKeys.CHANNEL, FigureKeys.DEVICE, FigureKeys.CITY,
            FigureKeys.PROVINCE, FigureKeys.COUNTRY, FigureKeys.CATEGORY, FigureKeys.SESSION);
    private static final Map<String, Duration> RESOLUTIONS = Map.of(FigureKeys.SECOND, Duration.ofSeconds(1),
            FigureKeys.MINUTE, Duration.ofMinutes(1), FigureKeys.HOUR, Duration.ofHours(1));
    private static final int MAX_POINTS = 3600;

    private final LiveSnapshots live;
    private final SnapshotBuilder builder;
    private final FigureView figures;
    private final LastYearComparison lastYear;

    public GmvController(LiveSnapshots live, SnapshotBuilder builder, FigureView figures, LastYearComparison lastYear) {
        this.live = live;
        this.builder = builder;
        this.figures = figures;
        this.lastYear = lastYear;
    }

    @GetMapping("/public/summary")
    public Snapshot publicSummary() {
        return live.current(false);
    }

    @GetMapping("/summary")
    @PreAuthorize("hasRole('OPERATOR')")
    public Snapshot summary() {
        return live.current(true);
    }

    /** Pushes a fresh snapshot every interval (at least twice a second). */
    @GetMapping(path = "/public/stream", produces = "text/event-stream")
    public SseEmitter publicStream() {
        return live.subscribe(false);
    }

    @GetMapping(path = "/stream", produces = "text/event-stream")
    @PreAuthorize("hasRole('OPERATOR')")
    public SseEmitter stream() {
        return live.subscribe(true);
    }

    @GetMapping("/public/milestones")
    public List<GmvMilestoneReached> milestones() {
        return figures.milestones();
    }

    public record Ranking(String dimension, List<Snapshot.Ranked> values) {
    }

    @GetMapping("/public/top/{dimension}")
    public Ranking publicTop(@PathVariable String dimension, @RequestParam(defaultValue = "10") int limit) {
        if (!PUBLIC_DIMENSIONS.contains(dimension)) {
            throw ApiProblem.badRequest("dimension must be one of " + PUBLIC_DIMENSIONS
                    + (FigureKeys.BRAND.equals(dimension) ? "; brand rankings are at /api/gmv/top/brand for operators" : ""));
        }
        return top(dimension, limit);
    }

    @GetMapping("/top/{dimension}")
    @PreAuthorize("hasRole('OPERATOR')")
    public Ranking operatorTop(@PathVariable String dimension, @RequestParam(defaultValue = "10") int limit) {
        if (!PUBLIC_DIMENSIONS.contains(dimension) && !FigureKeys.BRAND.equals(dimension)) {
            throw ApiProblem.badRequest("dimension must be brand or one of " + PUBLIC_DIMENSIONS);
        }
        return top(dimension, limit);
    }

    private Ranking top(String dimension, int limit) {
        if (limit < 1 || limit > 100) {
            throw ApiProblem.badRequest("limit must be between 1 and 100");
        }
        return new Ranking(dimension, builder.ranked(dimension, figures.get(FigureKeys.TOTAL), limit, v -> true));
    }

    public record Point(Instant at, long gmvFen, long orders, long units, long cumulativeGmvFen,
                        long previousYearCumulativeFen) {
    }

    public record Series(String resolution, Instant from, Instant to, List<Point> points) {
    }

    /**
     * GMV per second, minute or hour between two festival instants, with the running total and the previous
     * year's running total at the end of each bucket. Defaults: the festival day so far, by minute.
     */
    @GetMapping("/public/series")
    public Series series(@RequestParam(defaultValue = FigureKeys.MINUTE) String resolution,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
        Duration step = RESOLUTIONS.get(resolution);
        if (step == null) {
            throw ApiProblem.badRequest("resolution must be second, minute or hour");
        }
        for (Map.Entry<String, Instant> bound : java.util.Arrays.asList(Map.entry("from", from == null ? Instant.EPOCH : from),
                Map.entry("to", to == null ? Instant.EPOCH : to))) {
            if (!io.singlesday.platform.json.JsonInputGuards.inRange(bound.getValue())) {
                throw ApiProblem.badRequest("'" + bound.getKey() + "' must be a date-time in the years 1900 to 9999");
            }
        }
        Instant end = to != null ? to : publicSummary().asOf();
        Instant start = from != null ? from : festivalMidnightBefore(end);
        start = Instant.ofEpochSecond(Math.floorDiv(start.getEpochSecond(), step.toSeconds()) * step.toSeconds());
        if (!start.isBefore(end)) {
            throw ApiProblem.badRequest("from must be before to");
        }
        long points = Duration.between(start, end).dividedBy(step) + 1;
        if (points > MAX_POINTS) {
            throw ApiProblem.badRequest("at most " + MAX_POINTS + " points per request; this asks for " + points);
        }
        PreviousYearCurve previousYear = lastYear.against(figures.get(FigureKeys.TOTAL));
        long before = sumBefore(start);
        List<Point> out = new ArrayList<>();
        long running = before;
        for (var e : figures.series(resolution, start, end).entrySet()) {
            Figures f = e.getValue();
            running += f.gmvFen();
            Instant bucketEnd = e.getKey().plus(step);
            out.add(new Point(e.getKey(), f.gmvFen(), f.orders(), f.units(), running,
                    previousYear.cumulativeFen(FestivalDay.secondsAfterMidnight(bucketEnd))));
        }
        return new Series(resolution, start, end, out);
    }

    public record HourlyUpdate(Instant hour, long gmvFen, long orders, long cumulativeGmvFen) {
    }

    /** The "hourly update" for television: each festival hour's GMV and the running total at its end. */
    @GetMapping("/public/hourly")
    public List<HourlyUpdate> hourly() {
        Instant now = publicSummary().asOf();
        Instant midnight = festivalMidnightBefore(now);
        long running = sumBefore(midnight);
        List<HourlyUpdate> hours = new ArrayList<>();
        for (var e : figures.series(FigureKeys.HOUR, midnight, now.plusSeconds(3600)).entrySet()) {
            running += e.getValue().gmvFen();
            hours.add(new HourlyUpdate(e.getKey(), e.getValue().gmvFen(), e.getValue().orders(), running));
        }
        return hours;
    }

    /**
     * {@code total} is the brand's sales as the screen ranks them (gross); {@code refunded} what returns gave back;
     * {@code net} the sales less the refunds (its orders are the sales). The breakdowns are net: what the brand really sold where, when and how.
     */
    public record BrandAnalytics(UUID brandId, Figures total, Figures refunded, Figures net, Map<String, Figures> byCity,
                                 Map<String, Figures> byProvince, Map<String, Figures> byChannel,
                                 Map<String, Figures> byCategory, Map<String, Figures> byHour) {
    }

    /** A brand's own sales by city, province, channel, category and hour; operators may look at any brand. */
    @GetMapping("/brands/{brandId}")
    public BrandAnalytics brand(@PathVariable UUID brandId, Authentication auth) {
        Caller caller = Caller.of(auth);
        boolean own = caller.has(Role.BRAND) && brandId.toString().equals(caller.brandId());
        if (!own && !caller.has(Role.OPERATOR)) {
            throw ApiProblem.forbidden("A brand sees its own analytics only");
        }
        String prefix = FigureKeys.brandPrefix(brandId);
        Figures total = figures.get(FigureKeys.of(FigureKeys.BRAND, brandId.toString()));
        Figures refunded = figures.get(prefix + FigureKeys.BRAND_REFUNDS);
        return new BrandAnalytics(brandId, total, refunded,
                new Figures(total.gmvFen() - refunded.gmvFen(), total.orders(), total.units() - refunded.units()),
                figures.dimension(prefix + FigureKeys.prefix(FigureKeys.CITY)),
                figures.dimension(prefix + FigureKeys.prefix(FigureKeys.PROVINCE)),
                figures.dimension(prefix + FigureKeys.prefix(FigureKeys.CHANNEL)),
                figures.dimension(prefix + FigureKeys.prefix(FigureKeys.CATEGORY)),
                figures.dimension(prefix + FigureKeys.prefix(FigureKeys.HOUR)));
    }

    /** GMV of every hour before this one: the running total's starting point for a series. */
    private long sumBefore(Instant start) {
        Instant hour = Instant.ofEpochSecond(Math.floorDiv(start.getEpochSecond(), 3600) * 3600);
        long sum = figures.series(FigureKeys.HOUR, Instant.EPOCH, hour).values().stream().mapToLong(Figures::gmvFen).sum();
        return sum + figures.series(FigureKeys.SECOND, hour, start).values().stream().mapToLong(Figures::gmvFen).sum();
    }

    /** Midnight opening the festival day, or today's Beijing midnight on the eve; never more than a day back. */
    private static Instant festivalMidnightBefore(Instant at) {
        long since = FestivalDay.secondsAfterMidnight(at);
        Instant midnight = since >= 0 ? at.minusSeconds(since)
                : at.minusSeconds(Math.floorMod(at.getEpochSecond() + 8 * 3600, 86400));
        Instant dayBack = at.minus(Duration.ofDays(1));
        return midnight.isBefore(dayBack) ? dayBack : midnight;
    }
}
