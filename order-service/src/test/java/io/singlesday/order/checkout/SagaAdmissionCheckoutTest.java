package io.singlesday.order.checkout;

import io.singlesday.order.OrderIntegrationTest;
import io.singlesday.order.saga.SagaAdmission;
import io.singlesday.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the real service, database and broker: with every saga place of this instance taken, a new checkout is refused
 * with 429 problem+json and a Retry-After and nothing is written, a retry of a checkout already placed is still
 * answered, and once places are free the same key places the checkout and its saga gives its place back. Operators
 * read the admission and change its minimum target; a target out of range is a 400 naming the field.
 */
class SagaAdmissionCheckoutTest extends OrderIntegrationTest {

    @Autowired
    SagaAdmission admission;

    @Test
    void aFullInstanceShedsNewCheckoutsWithoutWritingAndPlacesThemOncePlacesAreFree() throws Exception {
        Sku sku = listSku(UUID.randomUUID(), UUID.randomUUID(), 4_900);
        String json = body(List.of(Map.entry(sku, 1)), List.of(), null);
        String placedKey = UUID.randomUUID().toString();
        HttpResponse<String> placed = checkout(placedKey, json, 20);
        assertThat(field(placed.body(), "state")).as(placed.body()).isEqualTo("CONFIRMED");

        List<UUID> taken = new ArrayList<>();
        String newKey = UUID.randomUUID().toString();
        HttpResponse<String> shed;
        try {
            while (admission.view().inFlight() < admission.view().limit()) {
                UUID stand = UUID.randomUUID();
                admission.admit(stand);
                taken.add(stand);
            }
            shed = checkout(newKey, json, 0);
            HttpResponse<String> retried = checkout(placedKey, json, 0);
            assertThat(retried.statusCode()).isEqualTo(200);
            assertThat(retried.headers().firstValue("Idempotency-Replayed")).hasValue("true");
        } finally {
            taken.forEach(admission::abandon);
        }
        assertThat(shed.statusCode()).as(shed.body()).isEqualTo(429);
        Http.assertProblem(shed, 429);
        assertThat(shed.headers().firstValue("Retry-After")).get().matches(v -> Integer.parseInt(v) >= 1);
        assertThat(shed.body()).contains("at capacity").contains("Idempotency-Key");
        assertThat(sql.sql("select count(*) from checkouts where idempotency_key = ?").param(newKey).query(Integer.class).single())
                .isZero();

        HttpResponse<String> later = checkout(newKey, json, 20);
        assertThat(field(later.body(), "state")).as(later.body()).isEqualTo("CONFIRMED");
        await(() -> admission.view().inFlight() == 0);
    }

    @Test
    void operatorsReadAndChangeTheTargetAndOthersCannot() throws Exception {
        HttpResponse<String> read = call("GET", "/api/orders/admission", operator, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("\"unloadedSagaTimeMillis\"").contains("\"targetSagaTimeMillis\"").contains("\"limit\"").contains("\"inFlight\"");
        long minimum = admission.view().minTargetSagaTimeMillis();
        try {
            HttpResponse<String> changed = call("PUT", "/api/orders/admission", operator, "{\"minTargetSagaTimeMillis\":900}");
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
            assertThat(admission.view().minTargetSagaTimeMillis()).isEqualTo(900);

            HttpResponse<String> zero = call("PUT", "/api/orders/admission", operator, "{\"minTargetSagaTimeMillis\":0}");
            Http.assertProblem(zero, 400);
            assertThat(zero.body()).contains("minTargetSagaTimeMillis");
            assertThat(admission.view().minTargetSagaTimeMillis()).isEqualTo(900);

            Http.assertProblem(call("PUT", "/api/orders/admission", shopper, "{\"minTargetSagaTimeMillis\":900}"), 403);
            Http.assertProblem(call("GET", "/api/orders/admission", shopper, null), 403);
        } finally {
            admission.minTarget(java.time.Duration.ofMillis(minimum));
        }
    }
}
