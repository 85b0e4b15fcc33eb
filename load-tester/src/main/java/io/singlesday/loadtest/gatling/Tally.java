package io.singlesday.loadtest.gatling;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every answer of a run by request type: latency (HdrHistogram, so p99 and max are exact to 0.1 %, not averaged
 * away) and what came back: success, a client error, a 429 shed, a server error, or no answer at all.
 */
public final class Tally {

    /** What one request type did over the run. */
    public record Line(String request, long count, long ok, long clientErrors, long shed, long serverErrors, long failed,
                       long p50, long p95, long p99, long max) {
    }

    private static final class Counts {
        final Histogram millis = new ConcurrentHistogram(60_000, 3);
        final LongAdder ok = new LongAdder();
        final LongAdder clientErrors = new LongAdder();
        final LongAdder shed = new LongAdder();
        final LongAdder serverErrors = new LongAdder();
        final LongAdder failed = new LongAdder();
    }

    private final Map<String, Counts> byRequest = new ConcurrentHashMap<>();
    private final Map<String, String> firstRefusals = new ConcurrentHashMap<>();

    /** Keeps the first answer of each request type and error status, so a summary can say why, not only how often. */
    public void refused(String request, int status, String body) {
        if (status >= 400 && body != null) {
            firstRefusals.putIfAbsent(request + " " + status, body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    public Map<String, String> firstRefusals() {
        return new TreeMap<>(firstRefusals);
    }

    /** @param status the HTTP status, or 0 when no answer came (refused, reset, timed out) */
    public void record(String request, int status, long millis) {
        Counts counts = byRequest.computeIfAbsent(request, r -> new Counts());
        if (status == 0) {
            counts.failed.increment();
            return;
        }
        counts.millis.recordValue(Math.max(0, Math.min(millis, 60_000)));
        if (status == 429) {
            counts.shed.increment();
        } else if (status >= 500) {
            counts.serverErrors.increment();
        } else if (status >= 400) {
            counts.clientErrors.increment();
        } else {
            counts.ok.increment();
        }
    }

    public long count(String request) {
        Counts counts = byRequest.get(request);
        return counts == null ? 0 : counts.ok.sum() + counts.clientErrors.sum() + counts.shed.sum()
                + counts.serverErrors.sum() + counts.failed.sum();
    }

    /** One line per request type, by name, then "all" over every request. */
    public Map<String, Line> lines() {
        Map<String, Line> lines = new TreeMap<>();
        Histogram all = new Histogram(60_000, 3);
        long[] totals = new long[5];
        byRequest.forEach((request, c) -> {
            lines.put(request, line(request, c.millis, c.ok.sum(), c.clientErrors.sum(), c.shed.sum(), c.serverErrors.sum(),
                    c.failed.sum()));
            all.add(c.millis);
            totals[0] += c.ok.sum();
            totals[1] += c.clientErrors.sum();
            totals[2] += c.shed.sum();
            totals[3] += c.serverErrors.sum();
            totals[4] += c.failed.sum();
        });
        Map<String, Line> ordered = new LinkedHashMap<>(lines);
        ordered.put("all", line("all", all, totals[0], totals[1], totals[2], totals[3], totals[4]));
        return ordered;
    }

    private static Line line(String request, Histogram millis, long ok, long clientErrors, long shed, long serverErrors,
                             long failed) {
        boolean none = millis.getTotalCount() == 0;
        return new Line(request, ok + clientErrors + shed + serverErrors + failed, ok, clientErrors, shed, serverErrors, failed,
                none ? 0 : millis.getValueAtPercentile(50), none ? 0 : millis.getValueAtPercentile(95),
                none ? 0 : millis.getValueAtPercentile(99), none ? 0 : millis.getMaxValue());
    }
}
