package io.singlesday.livestream.checkout;

import io.micrometer.core.instrument.MeterRegistry;
import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.Money;
import io.singlesday.contracts.orders.OrderConfirmed.Channel;
import io.singlesday.contracts.orders.PlaceLivestreamCheckout;
import io.singlesday.contracts.orders.PlaceLivestreamCheckout.Offer;
import io.singlesday.platform.db.CommitSignal;
import io.singlesday.platform.db.WorkerThread;
import io.singlesday.platform.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Turns what the stream sold into checkouts in the order service: each drop grant, and each join of a group deal
 * that reached its target, becomes one PlaceLivestreamCheckout at the stream's price. The grant or join row is the
 * record of the sale; this pass sends its command through the outbox and marks the row in the same transaction, so
 * a crash sends nothing twice and loses nothing. Kept apart from the allocator so its round stays one batch insert.
 * Rows are claimed with {@code skip locked}, so several instances share the work. A pass runs when this instance
 * commits a sale ({@link #saleCommitted()}) and otherwise every fallback poll, which finds other instances' leftovers:
 * a sale leaves at once and an idle stream costs one look every few seconds.
 */
@Service
public class LiveCheckouts extends WorkerThread {

    private static final Logger log = LoggerFactory.getLogger(LiveCheckouts.class);

    private static final int BATCH = 500;

    private final JdbcClient sql;
    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final CommitSignal salesWaiting = new CommitSignal();
    private final Duration fallbackPoll;

    public LiveCheckouts(JdbcClient sql, JdbcTemplate jdbc, Outbox outbox, TransactionTemplate transactions, JsonMapper json,
                         MeterRegistry meters, @Value("${livestream.checkouts.fallback-poll:2s}") Duration fallbackPoll) {
        super("live-checkouts");
        if (fallbackPoll.isNegative() || fallbackPoll.isZero()) {
            throw new IllegalArgumentException("livestream.checkouts.fallback-poll must be positive, not " + fallbackPoll);
        }
        this.fallbackPoll = fallbackPoll;
        this.sql = sql;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.transactions = transactions;
        this.json = json;
        this.meters = meters;
    }

    /** The checkout a drop grant becomes: named by the grant, so the buyer can be told it before it exists. */
    public static UUID ofGrant(UUID dropId, int seq) {
        return UUID.nameUUIDFromBytes(("drop-grant " + dropId + " " + seq).getBytes(StandardCharsets.UTF_8));
    }

    public static UUID ofJoin(UUID dealId, String viewer) {
        return UUID.nameUUIDFromBytes(("group-join " + dealId + " " + viewer).getBytes(StandardCharsets.UTF_8));
    }

    public static String location(UUID checkoutId) {
        return "/api/orders/checkouts/" + checkoutId;
    }

    /** A drop grant or a join of a reached deal was written: send it once its transaction commits (now, outside one). */
    public void saleCommitted() {
        salesWaiting.wakeAfterCommit();
    }

    public void sendPending() {
        while (sendGrants() == BATCH) {
            // A drop that just sold out leaves more than one batch; keep going while there is a full one.
        }
        while (sendJoins() == BATCH) {
            // Likewise for a large group that just reached its target.
        }
    }

    @Override
    protected void loop() {
        while (isRunning()) {
            try {
                sendPending();
                salesWaiting.await(fallbackPoll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Sending the stream's sales as checkouts failed; retrying: {}", e.getMessage());
                try {
                    salesWaiting.await(1_000);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** A sale not yet sent: {@code row} names its grant or join row, to mark it sent. */
    private record Sale(UUID checkoutId, Object[] row, UUID offerId, String viewer, UUID sessionId, String sessionKind,
                        UUID skuId, int units, long priceFen, String currency, String delivery) {
    }

    int sendGrants() {
        Integer sent = transactions.execute(status -> {
            List<Sale> sales = sql.sql("""
                    select g.drop_id, g.seq, g.viewer_id, d.session_id, s.kind, d.sku_id, g.units, d.price_fen, d.currency, g.delivery
                    from drop_grants g join drops d on d.id = g.drop_id join sessions s on s.id = d.session_id
                    where not g.checkout_sent order by g.granted_at limit ? for update of g skip locked""")
                    .param(BATCH)
                    .query((rs, n) -> {
                        UUID drop = rs.getObject(1, UUID.class);
                        int seq = rs.getInt(2);
                        return new Sale(ofGrant(drop, seq), new Object[]{drop, seq}, drop, rs.getString(3), rs.getObject(4, UUID.class),
                                rs.getString(5), rs.getObject(6, UUID.class), rs.getInt(7), rs.getLong(8), rs.getString(9),
                                rs.getString(10));
                    })
                    .list();
            send(sales, Offer.DROP, "update drop_grants set checkout_sent = true where drop_id = ? and seq = ?");
            return sales.size();
        });
        return sent == null ? 0 : sent;
    }

    int sendJoins() {
        Integer sent = transactions.execute(status -> {
            List<Sale> sales = sql.sql("""
                    select j.deal_id, j.viewer_id, d.session_id, s.kind, d.sku_id, d.group_price_fen, d.currency, j.delivery
                    from group_joins j join group_deals d on d.id = j.deal_id join sessions s on s.id = d.session_id
                    where not j.checkout_sent and d.state = 'REACHED' limit ? for update of j skip locked""")
                    .param(BATCH)
                    .query((rs, n) -> {
                        UUID deal = rs.getObject(1, UUID.class);
                        String viewer = rs.getString(2);
                        return new Sale(ofJoin(deal, viewer), new Object[]{deal, viewer}, deal, viewer, rs.getObject(3, UUID.class),
                                rs.getString(4), rs.getObject(5, UUID.class), 1, rs.getLong(6), rs.getString(7), rs.getString(8));
                    })
                    .list();
            send(sales, Offer.GROUP_DEAL, "update group_joins set checkout_sent = true where deal_id = ? and viewer_id = ?");
            return sales.size();
        });
        return sent == null ? 0 : sent;
    }

    /** The commands through the outbox, and the rows marked sent, in the caller's transaction. */
    private void send(List<Sale> sales, Offer offer, String markSent) {
        if (sales.isEmpty()) {
            return;
        }
        List<Outbox.Keyed<PlaceLivestreamCheckout>> commands = new ArrayList<>();
        for (Sale sale : sales) {
            Delivery to = json.readValue(sale.delivery(), Delivery.class);
            // The gala is the TV show's see-now-buy-now; every other session sells in the livestream channel.
            Channel channel = "GALA".equals(sale.sessionKind()) ? Channel.TV_GALA : Channel.LIVESTREAM;
            commands.add(new Outbox.Keyed<>(sale.checkoutId().toString(), new PlaceLivestreamCheckout(sale.checkoutId(),
                    sale.viewer(), sale.sessionId(), channel, offer, sale.offerId(), sale.skuId(), sale.units(),
                    new Money(sale.priceFen(), sale.currency()), offer == Offer.DROP ? sale.offerId() : null,
                    to.effectiveDevice(), to.toContract())));
        }
        outbox.appendAll(EventCatalog.PLACE_LIVESTREAM_CHECKOUT, commands);
        jdbc.batchUpdate(markSent, sales.stream().map(Sale::row).toList());
        meters.counter("festival.livestream.checkouts.sent", "offer", offer.name()).increment(sales.size());
    }
}
