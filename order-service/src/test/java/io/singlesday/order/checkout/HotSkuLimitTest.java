package io.singlesday.order.checkout;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.singlesday.platform.web.ApiProblem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sentinel's hot-parameter rule as the checkout uses it: per SKU, per second, each limit on its own. */
class HotSkuLimitTest {

    private final List<HotSkuLimit> limits = new ArrayList<>();

    @AfterEach
    void close() {
        limits.forEach(HotSkuLimit::destroy);
    }

    private HotSkuLimit limit(int perSecond) {
        HotSkuLimit limit = new HotSkuLimit(perSecond, new SimpleMeterRegistry());
        limits.add(limit);
        return limit;
    }

    @Test
    void aSkuPastItsLimitIsRefusedWith429NamingItWhileOtherSkusPass() {
        HotSkuLimit limit = limit(3);
        UUID hot = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            limit.admit(List.of(hot));
        }
        assertThatThrownBy(() -> limit.admit(List.of(other, hot)))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.getStatusCode().value()).isEqualTo(429);
                    assertThat(p.getHeaders().getFirst("Retry-After")).isEqualTo("1");
                    assertThat(p.getBody().getProperties()).containsEntry("skuId", hot.toString());
                    assertThat(p.getBody().getDetail()).contains(hot.toString()).contains("Idempotency-Key");
                });
        limit.admit(List.of(other));
        assertThat(limit.setting()).isEqualTo(new HotSkuLimit.Setting(3, 1));
    }

    @Test
    void theLimitRefillsEverySecondAndCanBeChangedWhileRunning() throws InterruptedException {
        HotSkuLimit limit = limit(1);
        UUID hot = UUID.randomUUID();
        limit.admit(List.of(hot));
        assertThatThrownBy(() -> limit.admit(List.of(hot))).isInstanceOf(ApiProblem.class);
        Thread.sleep(1_100);
        limit.admit(List.of(hot));

        limit.limitTo(50);
        for (int i = 0; i < 20; i++) {
            limit.admit(List.of(hot));
        }
        assertThat(limit.setting().checkoutsPerSecond()).isEqualTo(50);
    }

    @Test
    void limitsOfTwoInstancesInOneJvmDoNotShareRules() {
        HotSkuLimit strict = limit(1);
        HotSkuLimit loose = limit(100);
        UUID sku = UUID.randomUUID();
        strict.admit(List.of(sku));
        for (int i = 0; i < 30; i++) {
            loose.admit(List.of(sku));
        }
        assertThatThrownBy(() -> strict.admit(List.of(sku))).isInstanceOf(ApiProblem.class);
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> limit(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ORDER_HOT_SKU_CHECKOUTS_PER_SECOND");
        HotSkuLimit limit = limit(5);
        assertThatThrownBy(() -> limit.limitTo(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(limit.setting().checkoutsPerSecond()).isEqualTo(5);
    }
}
