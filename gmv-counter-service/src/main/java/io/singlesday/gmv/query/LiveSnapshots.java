package io.singlesday.gmv.query;

import io.micrometer.core.instrument.MeterRegistry;
import io.singlesday.platform.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * bytes to every subscriber. Public subscribers get the variant without the brand ranking.
 */
@Component
public class LiveSnapshots {

    private static final Logger log = LoggerFactory.getLogger(LiveSnapshots.class);
    private static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);

    private record Published(Snapshot full, String fullJson, String publicJson) {
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

    public LiveSnapshots(SnapshotBuilder builder, JsonMapper json, MeterRegistry meters) {
        this.builder = builder;
        this.json = json;
        meters.gauge("festival.gmv.dashboard.subscribers", operators, l -> l.size() + anonymous.size());
        // The same platform-wide figures on every instance: dashboards take the max, never the sum.
        meters.gauge("festival.gmv.fen", gmvFen);
        meters.gauge("festival.gmv.orders", orders);
    }

    @Scheduled(fixedDelayString = "${festival.gmv.snapshot-interval}")
    void refresh() {
        Snapshot snapshot;
        try {
            snapshot = builder.build(versions.incrementAndGet());
        } catch (ApiProblem notReady) {
            return;
        }
        Published published = new Published(snapshot, json.writeValueAsString(snapshot),
                json.writeValueAsString(snapshot.withoutBrands()));
        current = published;
        gmvFen.set(snapshot.gmv().fen());
        orders.set(snapshot.orders());
        push(operators, published.fullJson(), snapshot.version());
        push(anonymous, published.publicJson(), snapshot.version());
    }

    public Snapshot current(boolean withBrands) {
        Published published = current;
        if (published == null) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "The counter has no snapshot yet; try again in a moment");
        }
        return withBrands ? published.full() : published.full().withoutBrands();
    }

    public SseEmitter subscribe(boolean withBrands) {
        SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        Subscriber subscriber = new Subscriber(emitter);
        List<Subscriber> list = withBrands ? operators : anonymous;
        list.add(subscriber);
        emitter.onCompletion(() -> list.remove(subscriber));
        emitter.onTimeout(() -> list.remove(subscriber));
        emitter.onError(e -> list.remove(subscriber));
        Published published = current;
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
