package io.singlesday.loadtest.gatling;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every attempt of a run by request type, retries included: latency (HdrHistogram, so p99 and max are exact to
 * 0.1 %, not averaged away) and what came back: success, a client error, a 429 shed, a server error, or no answer
 * at all. An attempt is counted when it is sent and again when its answer arrives; one sent and never answered
 * (refused, reset, timed out, or still open when the run ended) is "no answer", so a failure can never drop out of
 * the tally because the code that would have recorded it did not run.
 */
public final class Tally {

    private final LongAdder internal = new LongAdder();

    /** What one request type did over the run; {@code count} is every attempt sent. */
    public record Line(String request, long count, long ok, long clientErrors, long shed, long serverErrors, long failed,
                       long p50, long p95, long p99, long max, long servedP99, long shedP99) {

        public long answered() {
            return ok + clientErrors + shed + serverErrors;
        }
    }

    /** How many users (shoppers, viewers...) a scenario was offered by its injection profile and how many started. */
    public record Users(String scenario, long offered, long started, long startedOnTime) {
    }

    private static final class Counts {
        final Histogram millis = new ConcurrentHistogram(60_000, 3);
        /** Every answer but a 429, and the 429s alone: what admission promises is about each on its own. */
        final Histogram served = new ConcurrentHistogram(60_000, 3);
        final Histogram shedMillis = new ConcurrentHistogram(60_000, 3);
        final LongAdder sent = new LongAdder();
        final LongAdder ok = new LongAdder();
        final LongAdder clientErrors = new LongAdder();
        final LongAdder shed = new LongAdder();
        final LongAdder serverErrors = new LongAdder();
        final LongAdder failed = new LongAdder();
    }

    private static final class Starts {
        final LongAdder started = new LongAdder();
        final LongAdder onTime = new LongAdder();
        volatile long offered;
    }

    private final Map<String, Counts> byRequest = new ConcurrentHashMap<>();
    private final Map<String, Starts> byScenario = new ConcurrentHashMap<>();
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

    /** An attempt is about to be sent. */
    public void sent(String request) {
        counts(request).sent.increment();
    }

    /** @param status the HTTP status, or 0 when it is known that no answer came (refused, reset, timed out) */
    public void record(String request, int status, long millis) {
        if (status == 500) {
            internal.increment();
        }
        Counts counts = counts(request);
        if (status == 0) {
            counts.failed.increment();
            return;
        }
        long bounded = Math.max(0, Math.min(millis, 60_000));
        counts.millis.recordValue(bounded);
        (status == 429 ? counts.shedMillis : counts.served).recordValue(bounded);
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

    /** Answers of 500 to any request: a bug whatever else was going on (an outage is a 503). */
    public long internalErrors() {
        return internal.sum();
    }

    /** What a scenario's injection profile will start over the run. */
    public void offered(String scenario, long users) {
        starts(scenario).offered = users;
    }

    /** A user of {@code scenario} started; {@code onTime} when within the injection window, not after it. */
    public void started(String scenario, boolean onTime) {
        Starts s = starts(scenario);
        s.started.increment();
        if (onTime) {
            s.onTime.increment();
        }
    }

    public Map<String, Users> users() {
        Map<String, Users> users = new TreeMap<>();
        byScenario.forEach((name, s) -> users.put(name, new Users(name, s.offered, s.started.sum(), s.onTime.sum())));
        return users;
    }

    /** Attempts of a request type sent so far, answered or not. */
    public long count(String request) {
        Counts counts = byRequest.get(request);
        return counts == null ? 0 : line(request, counts).count();
    }

    /** One line per request type, by name, then "all" over every request. */
    public Map<String, Line> lines() {
        Map<String, Line> lines = new TreeMap<>();
        Histogram all = new Histogram(60_000, 3);
        Histogram served = new Histogram(60_000, 3);
        Histogram shed = new Histogram(60_000, 3);
        long[] totals = new long[6];
        byRequest.forEach((request, c) -> {
            Line line = line(request, c);
            lines.put(request, line);
            all.add(c.millis);
            served.add(c.served);
            shed.add(c.shedMillis);
            totals[0] += line.ok();
            totals[1] += line.clientErrors();
            totals[2] += line.shed();
            totals[3] += line.serverErrors();
            totals[4] += line.failed();
            totals[5] += line.count();
        });
        Map<String, Line> ordered = new LinkedHashMap<>(lines);
        ordered.put("all", line("all", all, served, shed, totals[5], totals[0], totals[1], totals[2], totals[3], totals[4]));
        return ordered;
    }

    private Counts counts(String request) {
        return byRequest.computeIfAbsent(request, r -> new Counts());
    }

    private Starts starts(String scenario) {
        return byScenario.computeIfAbsent(scenario, r -> new Starts());
    }

    private static Line line(String request, Counts c) {
        long ok = c.ok.sum();
        long clientErrors = c.clientErrors.sum();
        long shed = c.shed.sum();
        long serverErrors = c.serverErrors.sum();
        long accounted = ok + clientErrors + shed + serverErrors + c.failed.sum();
        // Read last: an answer recorded between two reads must not make the sent count fall short of the answers.
        long sent = Math.max(c.sent.sum(), accounted);
        return line(request, c.millis, c.served, c.shedMillis, sent, ok, clientErrors, shed, serverErrors,
                sent - accounted + c.failed.sum());
    }

    private static Line line(String request, Histogram millis, Histogram served, Histogram shedMillis, long count, long ok,
                             long clientErrors, long shed, long serverErrors, long failed) {
        return new Line(request, count, ok, clientErrors, shed, serverErrors, failed, percentile(millis, 50),
                percentile(millis, 95), percentile(millis, 99), millis.getTotalCount() == 0 ? 0 : millis.getMaxValue(),
                percentile(served, 99), percentile(shedMillis, 99));
    }

    private static long percentile(Histogram h, double p) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(p);
    }
}
