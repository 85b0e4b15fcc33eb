package io.singlesday.livestream.audience;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The show as server-sent events, per session: every comment as it is posted, pins and answers, and once a
 * second the audience figures. Each event is serialised once and the same text goes to every open stream.
 */
@Component
public class LiveFeed implements AutoCloseable {

    private final Map<UUID, Set<SseEmitter>> streams = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("live-feed").daemon().factory());
    private volatile Function<UUID, Object> figures = id -> Map.of();

    public LiveFeed() {
        ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** What the once-a-second "audience" event of a session carries. */
    void figuresFrom(Function<UUID, Object> figures) {
        this.figures = figures;
    }

    SseEmitter open(UUID session) {
        SseEmitter emitter = new SseEmitter(0L);
        Set<SseEmitter> forSession = streams.computeIfAbsent(session, id -> ConcurrentHashMap.newKeySet());
        forSession.add(emitter);
        Runnable forget = () -> forSession.remove(emitter);
        emitter.onCompletion(forget);
        emitter.onTimeout(forget);
        emitter.onError(error -> forget.run());
        return emitter;
    }

    public void publish(UUID session, String event, Object data) {
        Set<SseEmitter> forSession = streams.get(session);
        if (forSession == null || forSession.isEmpty()) {
            return;
        }
        for (SseEmitter emitter : forSession) {
            try {
                emitter.send(SseEmitter.event().name(event).data(data, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException gone) {
                forSession.remove(emitter);
            }
        }
    }

    int watching(UUID session) {
        Set<SseEmitter> forSession = streams.get(session);
        return forSession == null ? 0 : forSession.size();
    }

    private void tick() {
        streams.forEach((session, emitters) -> {
            if (!emitters.isEmpty()) {
                publish(session, "audience", figures.apply(session));
            }
        });
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        streams.values().forEach(set -> set.forEach(SseEmitter::complete));
    }
}
