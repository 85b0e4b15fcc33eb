package io.singlesday.order.checkout;

import io.singlesday.order.OrderIntegrationTest;
import io.singlesday.testsupport.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the sagas in flight queueing past a third of their participant time-out, a new checkout is refused with 429
 * and a Retry-After before anything is written, while a retry of a checkout already placed is still answered; once
 * the queue drains, the same key places the checkout.
 */
class SagaBacklogTest extends OrderIntegrationTest {

    private static final String QUEUED = "queued-by-SagaBacklogTest-";

    @AfterEach
    void drain() {
        sql.sql("delete from checkouts where idempotency_key like ?").param(QUEUED + "%").update();
    }

    @Test
    void aNewCheckoutIsShedWhileSagasQueueButARetryIsAnsweredAndTheKeyWorksAfterwards() throws Exception {
        Sku sku = listSku(UUID.randomUUID(), UUID.randomUUID(), 9_900);
        String json = body(List.of(Map.entry(sku, 1)), List.of(), null);
        String placedKey = UUID.randomUUID().toString();
        HttpResponse<String> placed = checkout(placedKey, json, 20);
        assertThat(field(placed.body(), "state")).as(placed.body()).isEqualTo("CONFIRMED");

        // Sagas waiting for 8 s of wall time (refused here past 1 s): a queue, not one slow participant. Their deadline
        // is a minute ahead, so neither the time-out nor the stuck sweep takes them; they are laid again before each try.
        HttpResponse<String> shed = null;
        String newKey = null;
        String backlog = "";
        for (int attempt = 0; attempt < 5 && (shed == null || shed.statusCode() != 429); attempt++) {
            drain();
            int inFlight = sql.sql("select count(*) from checkouts where state in ('AWAITING_PARTICIPANTS', 'PAYING')")
                    .query(Integer.class).single();
            sql.sql("""
                    insert into checkouts (id, shopper_id, idempotency_key, request_hash, state, channel, device, city, province,
                                           payable_fen, currency, coupon_codes, coupons_state, orders_pending, placed_at,
                                           deadline, created_at)
                    select gen_random_uuid(), shopper_id, ? || g, request_hash, 'AWAITING_PARTICIPANTS', channel, device, city,
                           province, payable_fen, currency, coupon_codes, coupons_state, 1, placed_at + interval '1 day',
                           now() + interval '1 minute',
                           now() - interval '8 seconds'
                    from checkouts, generate_series(1, ?) g where idempotency_key = ?""")
                    .params(QUEUED, 40 + 2 * inFlight, placedKey).update();
            Thread.sleep(300);
            newKey = UUID.randomUUID().toString();
            shed = checkout(newKey, json, 0);
            backlog = sql.sql("""
                    select count(*) || ' in flight, median age ' || coalesce(extract(epoch from now() - percentile_disc(0.5)
                           within group (order by created_at)), 0) || ' s'
                    from checkouts where state in ('AWAITING_PARTICIPANTS', 'PAYING')""").query(String.class).single();
        }
        assertThat(shed.statusCode()).as(backlog + " / " + shed.body()).isEqualTo(429);
        Http.assertProblem(shed, 429);
        assertThat(shed.headers().firstValue("Retry-After")).get().matches(v -> Integer.parseInt(v) >= 1);
        assertThat(shed.body()).contains("Idempotency-Key");
        assertThat(sql.sql("select count(*) from checkouts where idempotency_key = ?").param(newKey).query(Integer.class).single())
                .isZero();

        HttpResponse<String> retried = checkout(placedKey, json, 0);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.headers().firstValue("Idempotency-Replayed")).hasValue("true");

        drain();
        Thread.sleep(300);
        HttpResponse<String> later = checkout(newKey, json, 20);
        assertThat(field(later.body(), "state")).as(later.body()).isEqualTo("CONFIRMED");
    }
}
