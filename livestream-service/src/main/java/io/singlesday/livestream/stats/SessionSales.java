package io.singlesday.livestream.stats;

import io.singlesday.contracts.topics.Topics;
import io.singlesday.contracts.orders.OrderCancelled;
import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.livestream.audience.Audience;
import io.singlesday.livestream.session.Sessions;
import io.singlesday.contracts.EventCatalog;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.platform.kafka.EventTypeHeader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Service;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What each session sold, from the order events (orders bought in the stream carry its id as livestreamId), and
 * the leaderboard of sessions by GMV. GMV here is what the GMV counter means by it: paid amounts of confirmed
 * orders, in fen, less those cancelled after confirmation.
 */
@Service
public class SessionSales {

    public record Stats(UUID sessionId, int viewers, int peakViewers, long likes, long comments, long orders, long units,
                        long gmvFen, long buyers, String conversionPercent) {
    }

    /** A session's place by GMV, with its title and host (the channel's KOL), as the big screen names it. */
    public record Standing(int rank, UUID sessionId, String title, String host, long orders, long gmvFen) {
    }

    private final JdbcClient sql;
    private final EventCodec codec;
    private final Sessions sessions;
    private final Audience audience;

    public SessionSales(JdbcClient sql, EventCodec codec, Sessions sessions, Audience audience) {
        this.sql = sql;
        this.codec = codec;
        this.sessions = sessions;
        this.audience = audience;
    }

    private static final EventTypeHeader.Wanted CONFIRMED_OR_CANCELLED =
            EventTypeHeader.anyOf(EventCatalog.ORDER_CONFIRMED, EventCatalog.ORDER_CANCELLED);

    // Most orders were not bought in a stream, and a session's figures may lag by half a second: at the peak the
    // consumer lets orders gather for that long, so the broker answers one fetch for many orders.
    @KafkaListener(id = "livestream-sales", groupId = "${spring.application.name}-sales", topics = Topics.Names.ORDERS_EVENTS,
            properties = {"fetch.min.bytes=${livestream.sales.fetch-min-bytes:32768}",
                    "fetch.max.wait.ms=${livestream.sales.fetch-max-wait-ms:500}"})
    public void on(ConsumerRecord<String, byte[]> record) {
        if (!CONFIRMED_OR_CANCELLED.mayWant(record)) {
            return;
        }
        switch (codec.decode(record.value()).payload()) {
            case OrderConfirmed order -> sessionOf(order.livestreamId()).ifPresent(session -> sql.sql("""
                    insert into session_orders (order_id, session_id, shopper_id, units, paid_fen, confirmed_at)
                    values (?, ?, ?, ?, ?, ?) on conflict (order_id) do nothing""")
                    .params(order.orderId(), session, order.shopperId(),
                            order.lines().stream().mapToInt(OrderConfirmed.Line::quantity).sum(), order.paidTotal().minor(),
                            Timestamp.from(order.confirmedAt())).update());
            case OrderCancelled cancelled when cancelled.wasConfirmed() ->
                    sql.sql("update session_orders set cancelled = true where order_id = ?").param(cancelled.orderId()).update();
            default -> {
            }
        }
    }

    public Stats stats(UUID session) {
        sessions.find(session);
        Audience.Figures audienceNow = audience.figures(session);
        long[] sold = sql.sql("""
                select count(*), coalesce(sum(units), 0), coalesce(sum(paid_fen), 0), count(distinct shopper_id)
                from session_orders where session_id = ? and not cancelled""").param(session)
                .query((rs, n) -> new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}).single();
        String conversion = audienceNow.peakViewers() == 0 ? "0.0"
                : String.format(java.util.Locale.ROOT, "%.1f", 100.0 * sold[3] / audienceNow.peakViewers());
        return new Stats(session, audienceNow.viewers(), audienceNow.peakViewers(), audienceNow.likes(), audienceNow.comments(),
                sold[0], sold[1], sold[2], sold[3], conversion);
    }

    public List<Standing> leaderboard(int limit) {
        // Rows come in rank order, so a row's number is its rank.
        return sql.sql("""
                select o.session_id, s.title, c.kol, count(*), sum(o.paid_fen) gmv from session_orders o
                join sessions s on s.id = o.session_id join channels c on c.id = s.channel_id where not o.cancelled
                group by o.session_id, s.title, c.kol order by gmv desc, o.session_id limit ?""").param(limit)
                .query((rs, n) -> new Standing(n + 1, rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getLong(4), rs.getLong(5))).list();
    }

    /** An order's livestreamId names a session of this service, or it was bought elsewhere. */
    private Optional<UUID> sessionOf(String livestreamId) {
        if (livestreamId == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(livestreamId));
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }
}
