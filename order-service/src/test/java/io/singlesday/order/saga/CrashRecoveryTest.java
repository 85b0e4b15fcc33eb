package io.singlesday.order.saga;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.contracts.topics.Topics;
import io.singlesday.order.OrderApplication;
import io.singlesday.order.OrderIntegrationTest;
import io.singlesday.platform.outbox.OutboxRelay;
import io.singlesday.testsupport.Engines;
import io.singlesday.testsupport.Http;
import io.singlesday.testsupport.RealEngines;
import io.singlesday.testsupport.TopicRecords;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instances of the order service that die at the worst moments, on their own database: after the checkout
 * committed but before its outbox was published, and while the payment provider was being asked. The next
 * instance finishes the saga; nothing is lost and nothing happens twice.
 */
class CrashRecoveryTest extends OrderIntegrationTest {

    private static final String DATABASE = "orders_crash";

    @Test
    void aCheckoutSurvivesACrashBeforePublishingAndACrashDuringPayment() throws Exception {
        Sku sku = listSku(UUID.randomUUID(), UUID.randomUUID(), 25_800);
        String json = body(List.of(Map.entry(sku, 2)), List.of(), null);

        UUID checkoutId;
        try (ConfigurableApplicationContext first = start("3s")) {
            JdbcClient db = first.getBean(JdbcClient.class);
            await(() -> db.sql("select count(*) from catalog_skus where sku_id = ?").param(sku.id()).query(Integer.class).single() == 1);
            first.getBean(OutboxRelay.class).stop();

            HttpResponse<String> accepted = Http.send(base(first), "POST", "/api/orders", shopper, json,
                    Map.of("Idempotency-Key", "crash-" + UUID.randomUUID()));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            checkoutId = UUID.fromString(field(accepted.body(), "id"));
            assertThat(db.sql("select count(*) from outbox_events").query(Integer.class).single()).isGreaterThanOrEqualTo(2);
        } // the first instance dies with its events committed and unpublished
        UUID orderId = crashDb().sql("select id from orders where checkout_id = ?").param(checkoutId).query(UUID.class).single();
        assertThat(participants().received(EventCatalog.RESERVE_STOCK, orderId)).isEmpty();

        try (ConfigurableApplicationContext second = start("30s")) {
            JdbcClient db = second.getBean(JdbcClient.class);
            await(() -> "PAYING".equals(state(db, checkoutId)));
        } // the second instance dies while the provider is still thinking
        assertThat(crashDb().sql("select count(*) from payment_charges where checkout_id = ?").param(checkoutId)
                .query(Integer.class).single()).isZero();

        try (ConfigurableApplicationContext third = start("5ms")) {
            JdbcClient db = third.getBean(JdbcClient.class);
            await(() -> "CONFIRMED".equals(state(db, checkoutId)));
            await(() -> db.sql("select count(*) from outbox_events").query(Integer.class).single() == 0);
        }

        assertThat(participants().received(EventCatalog.RESERVE_STOCK, orderId)).hasSize(1);
        await(() -> participants().received(EventCatalog.COMMIT_STOCK, orderId).size() == 1);
        assertThat(crashDb().sql("select count(*) from payment_charges where checkout_id = ?").param(checkoutId)
                .query(Integer.class).single()).isEqualTo(1);
        List<OrderConfirmed> confirmed = TopicRecords.readAll(Topics.ORDERS_EVENTS.name(), Duration.ofSeconds(5)).stream()
                .map(r -> codec.decode(r.value()).payload())
                .filter(p -> p instanceof OrderConfirmed c && c.orderId().equals(orderId))
                .map(OrderConfirmed.class::cast).toList();
        assertThat(confirmed).hasSize(1);
        assertThat(confirmed.getFirst().paidTotal().minor()).isEqualTo(51_600);
    }

    private static String state(JdbcClient db, UUID checkoutId) {
        return db.sql("select state from checkouts where id = ?").param(checkoutId).query(String.class).single();
    }

    private static JdbcClient crashDb() {
        Engines engines = RealEngines.shared();
        var source = new org.springframework.jdbc.datasource.DriverManagerDataSource(engines.jdbcUrl(DATABASE), DATABASE, DATABASE);
        return JdbcClient.create(source);
    }

    private static String base(ConfigurableApplicationContext app) {
        return "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    }

    private static ConfigurableApplicationContext start(String paymentLatency) {
        Engines engines = RealEngines.shared();
        engines.ensureDatabase(DATABASE);
        // Command-line arguments: they rank above every configuration file, as a deployment's variables would.
        return new SpringApplicationBuilder(OrderApplication.class).run(Map.ofEntries(
                Map.entry("server.port", "0"),
                Map.entry("spring.application.name", "order-crash-test"),
                Map.entry("spring.datasource.url", engines.jdbcUrl(DATABASE)),
                Map.entry("spring.datasource.username", DATABASE),
                Map.entry("spring.datasource.password", DATABASE),
                Map.entry("spring.kafka.bootstrap-servers", engines.kafkaBootstrapServers()),
                Map.entry("spring.security.oauth2.resourceserver.jwt.public-key-location",
                        "file:" + engines.signingKey().publicKeyPem()),
                Map.entry("order.saga.participant-timeout", "120s"),
                Map.entry("order.saga.payment-recover-after", "1s"),
                Map.entry("order.saga.sweep-every", "200ms"),
                Map.entry("order.payment.latency", paymentLatency),
                Map.entry("order.payment.decline-rate", "0")).entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }
}
