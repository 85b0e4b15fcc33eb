package io.singlesday.order.livestream;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.Money;
import io.singlesday.contracts.orders.OrderConfirmed.Channel;
import io.singlesday.contracts.orders.OrderConfirmed.Device;
import io.singlesday.contracts.orders.PlaceLivestreamCheckout;
import io.singlesday.contracts.orders.PlaceLivestreamCheckout.Offer;
import io.singlesday.contracts.stock.ReserveStockFromHold;
import io.singlesday.order.OrderIntegrationTest;
import io.singlesday.order.ScriptedParticipants.Script;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Checkouts the livestream service places: at the stream's price, in the stream's channel, from the drop's hold. */
class LivestreamCheckoutTest extends OrderIntegrationTest {

    private final UUID store = UUID.randomUUID();
    private final UUID brand = UUID.randomUUID();
    private final UUID session = UUID.randomUUID();

    @Test
    void aDropPurchaseIsOneCheckoutAtTheDropPriceTakingItsUnitsFromTheDropsHold() throws Exception {
        Sku cake = listSku(store, brand, 19_900);
        UUID drop = UUID.randomUUID();
        PlaceLivestreamCheckout command = command(cake, Offer.DROP, drop, 2, 9_900, drop, Channel.LIVESTREAM);

        publish(EventCatalog.PLACE_LIVESTREAM_CHECKOUT, command.checkoutId().toString(), command);
        // The buyer follows the checkout from the id the stream gave them, before or after it exists here.
        HttpResponse<String> outcome = call("GET", "/api/orders/checkouts/" + command.checkoutId(), shopper, null, "Prefer", "wait=20");

        assertThat(outcome.statusCode()).as(outcome.body()).isEqualTo(200);
        assertThat(field(outcome.body(), "state")).isEqualTo("CONFIRMED");
        assertThat(Long.parseLong(field(outcome.body(), "payableFen"))).isEqualTo(19_800);
        UUID order = sql.sql("select id from orders where checkout_id = ?").param(command.checkoutId()).query(UUID.class).single();
        assertThat(participants().received(EventCatalog.RESERVE_STOCK, order)).as("nothing reserved anew").isEmpty();
        assertThat(participants().received(EventCatalog.RESERVE_STOCK_FROM_HOLD, order)).singleElement()
                .satisfies(e -> assertThat(((ReserveStockFromHold) e.payload()).holdId()).isEqualTo(drop));
        assertThat(sql.sql("select channel || ' ' || livestream_id from checkouts where id = ?").param(command.checkoutId())
                .query(String.class).single()).isEqualTo("LIVESTREAM " + session);
        assertThat(sql.sql("select unit_price_fen || ' ' || paid_fen || ' ' || promotion_id from order_lines where order_id = ?")
                .param(order).query(String.class).single()).isEqualTo("9900 19800 " + drop);

        // The outbox published twice, or the stream sent again: still one checkout, one order, one charge.
        publish(EventCatalog.PLACE_LIVESTREAM_CHECKOUT, command.checkoutId().toString(), command);
        publish(EventCatalog.PLACE_LIVESTREAM_CHECKOUT, command.checkoutId().toString(), command);
        // Sent under the first command's key, so it is read after the repeats: once it is placed, they were handled.
        PlaceLivestreamCheckout later = command(cake, Offer.DROP, drop, 1, 9_900, drop, Channel.LIVESTREAM);
        publish(EventCatalog.PLACE_LIVESTREAM_CHECKOUT, command.checkoutId().toString(), later);
        await(() -> sql.sql("select count(*) from checkouts where id = ?").param(later.checkoutId()).query(Integer.class).single() == 1);
        assertThat(sql.sql("select count(*) from checkouts where shopper_id = ?").param(shopperId).query(Integer.class).single())
                .isEqualTo(2);
        assertThat(sql.sql("select count(*) from orders where checkout_id = ?").param(command.checkoutId()).query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    void aGroupBuyReservesAsAnyCheckoutAndAnExhaustedHoldCancelsTheDropCheckout() throws Exception {
        Sku tea = listSku(store, brand, 12_800);
        UUID deal = UUID.randomUUID();
        PlaceLivestreamCheckout group = command(tea, Offer.GROUP_DEAL, deal, 1, 8_800, null, Channel.TV_GALA);
        publish(EventCatalog.PLACE_LIVESTREAM_CHECKOUT, group.checkoutId().toString(), group);
        HttpResponse<String> grouped = call("GET", "/api/orders/checkouts/" + group.checkoutId(), shopper, null, "Prefer", "wait=20");
        assertThat(field(grouped.body(), "state")).as(grouped.body()).isEqualTo("CONFIRMED");
        assertThat(Long.parseLong(field(grouped.body(), "payableFen"))).isEqualTo(8_800);
        UUID groupOrder = sql.sql("select id from orders where checkout_id = ?").param(group.checkoutId()).query(UUID.class).single();
        assertThat(participants().received(EventCatalog.RESERVE_STOCK, groupOrder)).hasSize(1);
        assertThat(sql.sql("select channel from checkouts where id = ?").param(group.checkoutId()).query(String.class).single())
                .isEqualTo("TV_GALA");

        Sku gone = listSku(store, brand, 5_000);
        participants().script(gone.id(), Script.REFUSE);
        UUID drop = UUID.randomUUID();
        PlaceLivestreamCheckout late = command(gone, Offer.DROP, drop, 1, 3_000, drop, Channel.LIVESTREAM);
        publish(EventCatalog.PLACE_LIVESTREAM_CHECKOUT, late.checkoutId().toString(), late);
        HttpResponse<String> refused = call("GET", "/api/orders/checkouts/" + late.checkoutId(), shopper, null, "Prefer", "wait=20");
        assertThat(field(refused.body(), "state")).as(refused.body()).isEqualTo("CANCELLED");
        assertThat(field(refused.body(), "cancelDetail")).contains("HOLD_EXHAUSTED");
    }

    private PlaceLivestreamCheckout command(Sku sku, Offer offer, UUID offerId, int quantity, long priceFen, UUID hold,
                                            Channel channel) {
        return new PlaceLivestreamCheckout(UUID.randomUUID(), shopperId, session, channel, offer, offerId, sku.id(), quantity,
                Money.fen(priceFen), hold, Device.MOBILE,
                new PlaceLivestreamCheckout.Delivery("Li Wei", "1 Wensan Road", "Hangzhou", "Zhejiang", 30.27, 120.15));
    }
}
