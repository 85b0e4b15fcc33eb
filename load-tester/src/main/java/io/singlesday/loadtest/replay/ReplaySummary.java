package io.singlesday.loadtest.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What a replay did, per request type: counts, status classes and latency percentiles, as Markdown. */
public final class ReplaySummary {

    private ReplaySummary() {
    }

    public static String markdown(List<Replayer.Sent> sent, double speed) {
        StringBuilder out = new StringBuilder("# Replay summary\n\n");
        long errors = sent.stream().filter(s -> s.status() == 0 || s.status() >= 500).count();
        out.append(String.format(Locale.ROOT, "%d requests at %sx; %d server errors or failed calls.%n%n",
                sent.size(), speed, errors));
        out.append("| Request | Count | 2xx | 4xx | 5xx | failed | p50 ms | p95 ms | p99 ms | max ms |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|\n");
        Map<String, List<Replayer.Sent>> byType = sent.stream().collect(Collectors.groupingBy(
                s -> s.request().method() + " " + typeOf(s.request().path()), TreeMap::new, Collectors.toList()));
        byType.forEach((type, all) -> {
            List<Long> millis = new ArrayList<>(all.stream().map(s -> s.latencyNanos() / 1_000_000).sorted().toList());
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d |%n", type, all.size(),
                    count(all, 200, 300), count(all, 400, 500), count(all, 500, 600), count(all, 0, 1),
                    percentile(millis, 0.50), percentile(millis, 0.95), percentile(millis, 0.99), millis.getLast()));
        });
        return out.toString();
    }

    /** The path without ids and query, so one request type gathers all its calls. */
    static String typeOf(String path) {
        String noQuery = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return noQuery.replaceAll("/[0-9a-fA-F-]{36}", "/{id}").replaceAll("/\\d+(?=/|$)", "/{n}");
    }

    private static long count(List<Replayer.Sent> all, int from, int to) {
        return all.stream().filter(s -> s.status() >= from && s.status() < to).count();
    }

    static long percentile(List<Long> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
