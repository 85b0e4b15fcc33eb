package io.singlesday.gmv.query;

import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.gmv.GmvMilestoneReached;
import io.singlesday.gmv.counting.CounterStreams;
import io.singlesday.gmv.counting.CounterTopology;
import io.singlesday.gmv.counting.FigureKeys;
import io.singlesday.gmv.counting.Figures;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.platform.web.ApiProblem;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Interactive queries over this instance's copy of the counter's figures (a global store of gmv.figures), so
 * any instance answers for the whole platform without asking another.
 */
@Component
public class FigureView {

    private static final StringSerializer KEYS = new StringSerializer();

    private final CounterStreams streams;
    private final EventCodec codec;

    public FigureView(CounterStreams streams, EventCodec codec) {
        this.streams = streams;
        this.codec = codec;
    }

    public Figures get(String key) {
        return Figures.fromBytes(figures().get(key));
    }

    /** Every value of one dimension: {@code city} gives city name to figures. */
    public Map<String, Figures> dimension(String prefix) {
        Map<String, Figures> values = new HashMap<>();
        try (KeyValueIterator<String, byte[]> it = figures().prefixScan(prefix, KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> next = it.next();
                values.put(next.key.substring(prefix.length()), Figures.fromBytes(next.value));
            }
        }
        return values;
    }

    /** Time buckets from {@code from} (inclusive) to {@code to} (exclusive), in time order. */
    public NavigableMap<Instant, Figures> series(String bucket, Instant from, Instant to) {
        NavigableMap<Instant, Figures> points = new TreeMap<>();
        try (KeyValueIterator<String, byte[]> it = figures().range(FigureKeys.time(bucket, from),
                FigureKeys.time(bucket, to))) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> next = it.next();
                Instant at = FigureKeys.timeOf(next.key);
                if (at.isBefore(to)) {
                    points.put(at, Figures.fromBytes(next.value));
                }
            }
        }
        return points;
    }

    public List<GmvMilestoneReached> milestones() {
        List<GmvMilestoneReached> all = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store(CounterTopology.MILESTONES_VIEW).all()) {
            while (it.hasNext()) {
                EventEnvelope<?> envelope = codec.decode(it.next().value);
                all.add((GmvMilestoneReached) envelope.payload());
            }
        }
        all.sort(Comparator.comparingLong((GmvMilestoneReached m) -> m.mark().minor()).thenComparing(GmvMilestoneReached::kind));
        return all;
    }

    /** The store name the catalog announced for a brand, or empty when none arrived yet. */
    public java.util.Optional<String> brandName(String brandId) {
        byte[] name = streams.view(CounterTopology.BRAND_NAMES).map(store -> store.get(brandId)).orElse(null);
        return java.util.Optional.ofNullable(name).map(n -> new String(n, java.nio.charset.StandardCharsets.UTF_8));
    }

    private ReadOnlyKeyValueStore<String, byte[]> figures() {
        return store(CounterTopology.FIGURES_VIEW);
    }

    private ReadOnlyKeyValueStore<String, byte[]> store(String name) {
        return streams.view(name).orElseThrow(() -> new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE,
                "The counter is starting or restoring its figures; try again in a moment"));
    }
}
