package io.singlesday.order.reminder;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Per-shopper notification streams (server-sent events). One query per tick finds what is new for everyone and
 * pushes it to the shoppers connected to this instance; whichever instance fired a reminder, every instance sees
 * the row. A client that reconnects with Last-Event-ID gets what it missed.
 */
@Component
public class NotificationFeed {

    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

    private final JdbcClient sql;
    private final Map<String, List<SseEmitter>> streams = new ConcurrentHashMap<>();
    private volatile long cursor;

    public NotificationFeed(JdbcClient sql) {
        this.sql = sql;
        this.cursor = sql.sql("select coalesce(max(id), 0) from notifications").query(Long.class).single();
    }

    public record Notification(long id, UUID reminderId, UUID productId, UUID promotionId, String title,
                               Instant startsAt, Instant createdAt) {
    }

    private record Addressed(String shopperId, Notification notification) {
    }

    public List<Notification> latest(String shopperId, long afterId, int limit) {
        return query("where shopper_id = ? and id > ? order by id desc limit " + limit, shopperId, afterId).stream()
                .map(Addressed::notification).toList();
    }

    public SseEmitter subscribe(String shopperId, long lastEventId) {
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        List<SseEmitter> mine = streams.computeIfAbsent(shopperId, s -> new CopyOnWriteArrayList<>());
        mine.add(emitter);
        Runnable drop = () -> mine.remove(emitter);
        emitter.onCompletion(drop);
        emitter.onTimeout(drop);
        emitter.onError(e -> drop.run());
        long upTo = cursor;
        try {
            emitter.send(SseEmitter.event().comment("connected"));
            for (Addressed missed : query("where shopper_id = ? and id > ? and id <= ? order by id", shopperId, lastEventId, upTo)) {
                send(emitter, missed.notification());
            }
        } catch (IOException gone) {
            drop.run();
        }
        return emitter;
    }

    @Scheduled(fixedDelayString = "${order.reminders.push-every:500ms}")
    public void push() {
        List<Addressed> fresh = query("where id > ? order by id limit 1000", cursor);
        for (Addressed a : fresh) {
            for (SseEmitter emitter : streams.getOrDefault(a.shopperId(), List.of())) {
                try {
                    send(emitter, a.notification());
                } catch (IOException gone) {
                    streams.get(a.shopperId()).remove(emitter);
                }
            }
            cursor = a.notification().id();
        }
    }

    private static void send(SseEmitter emitter, Notification n) throws IOException {
        emitter.send(SseEmitter.event().id(Long.toString(n.id())).name("ReminderTriggered").data(n));
    }

    private List<Addressed> query(String tail, Object... params) {
        return sql.sql("""
                select shopper_id, id, reminder_id, product_id, promotion_id, title, starts_at, created_at
                from notifications\s""" + tail)
                .params(params)
                .query((rs, n) -> new Addressed(rs.getString(1), new Notification(rs.getLong(2), rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class), rs.getObject(5, UUID.class), rs.getString(6),
                        rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant())))
                .list();
    }
}
