package io.singlesday.gmv.query;

import io.micrometer.core.instrument.MeterRegistry;
import io.singlesday.platform.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds the snapshot once per interval, whatever the number of dashboards, and pushes the same serialised
 * bytes to every subscriber. Public subscribers get the variant without the brand ranking. With no stream open it
 * builds only every idle interval (for the gauges), and a reader or a new stream gets one built at most one interval
 * ago: nobody is shown an older snapshot than a watched screen would be, and an unwatched counter costs little.
 */
@Component
public class LiveSnapshots {

    private static final Logger log = LoggerFactory.getLogger(LiveSnapshots.class);
    private static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);

    private record Published(Snapshot full, String fullJson, String publicJson, long builtAtNanos) {
    }

    /**
     * One open stream. Its first snapshot (sent on subscribing) and the interval's pushes come from two threads and
     * may cross: a stream only ever moves forward, each version at most once.
     */
    private static final class Subscriber {

        final SseEmitter emitter;
        private long lastSent = -1;

        Subscriber(SseEmitter emitter) {
            this.emitter = emitter;
        }

        synchronized void send(String body, long version) throws IOException {
            if (version <= lastSent) {
                return;
            }
            emitter.send(SseEmitter.event().name("snapshot").id(Long.toString(version)).data(body, MediaType.APPLICATION_JSON));
            lastSent = version;
        }
    }

    private final SnapshotBuilder builder;
    private final JsonMapper json;
    private final AtomicLong versions = new AtomicLong();
    private final List<Subscriber> operators = new CopyOnWriteArrayList<>();
    private final List<Subscriber> anonymous = new CopyOnWriteArrayList<>();
    private volatile Published current;
    private final AtomicLong gmvFen = new AtomicLong();
    private final AtomicLong orders = new AtomicLong();

    private final long intervalNanos;
    private final long idleIntervalNanos;

    public LiveSnapshots(SnapshotBuilder builder, JsonMapper json, MeterRegistry meters,
                         @Value("${festival.gmv.snapshot-interval}") Duration interval,
                         @Value("${festival.gmv.idle-snapshot-interval:2s}") Duration idleInterval) {
        if (interval.isNegative() || interval.isZero() || idleInterval.compareTo(interval) < 0) {
            throw new IllegalArgumentException("festival.gmv.snapshot-interval must be positive and "
                    + "festival.gmv.idle-snapshot-interval at least as long, not " + interval + " and " + idleInterval);
        }
        this.intervalNanos = interval.toNanos();
        this.idleIntervalNanos = idleInterval.toNanos();
        this.builder = builder;
        this.json = json;
        meters.gauge("festival.gmv.dashboard.subscribers", operators, l -> l.size() + anonymous.size());
        // The same platform-wide figures on every instance: dashboards take the max, never the sum.
        meters.gauge("festival.gmv.fen", gmvFen);
        meters.gauge("festival.gmv.orders", orders);
    }

    @Scheduled(fixedDelayString = "${festival.gmv.snapshot-interval}")
    void refresh() {
        boolean watched = !operators.isEmpty() || !anonymous.isEmpty();
        Published published = watched ? rebuild() : fresh(idleIntervalNanos);
        if (published != null && watched) {
            push(operators, published.fullJson(), published.full().version());
            push(anonymous, published.publicJson(), published.full().version());
        }
    }

    public Snapshot current(boolean withBrands) {
        Published published = fresh(intervalNanos);
        if (published == null) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "The counter has no snapshot yet; try again in a moment");
        }
        return withBrands ? published.full() : published.full().withoutBrands();
    }

    /** The held snapshot if built less than {@code maxAgeNanos} ago, else a new one; null while the counter starts. */
    private Published fresh(long maxAgeNanos) {
        Published published = current;
        if (published != null && System.nanoTime() - published.builtAtNanos() < maxAgeNanos) {
            return published;
        }
        Published rebuilt = rebuild();
        return rebuilt != null ? rebuilt : published;
    }

    /** One build at a time, so versions leave in the order they were built. */
    private synchronized Published rebuild() {
        Snapshot snapshot;
        try {
            snapshot = builder.build(versions.incrementAndGet());
        } catch (ApiProblem notReady) {
            return null;
        }
        Published published = new Published(snapshot, json.writeValueAsString(snapshot),
                json.writeValueAsString(snapshot.withoutBrands()), System.nanoTime());
        current = published;
        gmvFen.set(snapshot.gmv().fen());
        orders.set(snapshot.orders());
        return published;
    }

    public SseEmitter subscribe(boolean withBrands) {
        SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        Subscriber subscriber = new Subscriber(emitter);
        List<Subscriber> list = withBrands ? operators : anonymous;
        list.add(subscriber);
        emitter.onCompletion(() -> list.remove(subscriber));
        emitter.onTimeout(() -> list.remove(subscriber));
        emitter.onError(e -> list.remove(subscriber));
        Published published = fresh(intervalNanos);
        if (published != null) {
            send(list, subscriber, withBrands ? published.fullJson() : published.publicJson(), published.full().version());
        }
        return emitter;
    }

    private void push(List<Subscriber> subscribers, String body, long version) {
        for (Subscriber subscriber : subscribers) {
            send(subscribers, subscriber, body, version);
        }
    }

    private void send(List<Subscriber> subscribers, Subscriber subscriber, String body, long version) {
        try {
            subscriber.send(body, version);
        } catch (IOException | IllegalStateException gone) {
            log.debug("dashboard stream closed: {}", gone.getMessage());
            subscribers.remove(subscriber);
        }
    }
}
