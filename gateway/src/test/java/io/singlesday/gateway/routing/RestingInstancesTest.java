package io.singlesday.gateway.routing;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RestingInstancesTest {

    private static final ServiceInstance FIRST = new DefaultServiceInstance("a", "orders", "127.0.0.1", 8082, false);
    private static final ServiceInstance SECOND = new DefaultServiceInstance("b", "orders", "127.0.0.1", 8182, false);

    private Instant now = Instant.parse("2026-11-11T00:00:00Z");
    private final RestingInstances resting = new RestingInstances(Duration.ofSeconds(2), new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void anInstanceThatRefusedAConnectionRestsThenIsOfferedAgain() {
        assertThat(resting.awake(List.of(FIRST, SECOND))).containsExactly(FIRST, SECOND);
        resting.refusedConnection(new DefaultServiceInstance("other-id", "orders", "127.0.0.1", 8082, false));
        assertThat(resting.awake(List.of(FIRST, SECOND))).as("the same host and port, whatever the id").containsExactly(SECOND);
        now = now.plusMillis(1_999);
        assertThat(resting.awake(List.of(FIRST, SECOND))).containsExactly(SECOND);
        now = now.plusMillis(1);
        assertThat(resting.awake(List.of(FIRST, SECOND))).containsExactly(FIRST, SECOND);
    }

    @Test
    void whenEveryInstanceRestsAllAreOfferedRatherThanNone() {
        resting.refusedConnection(FIRST);
        resting.refusedConnection(SECOND);
        assertThat(resting.awake(List.of(FIRST, SECOND))).containsExactly(FIRST, SECOND);
    }

    @Test
    void aRestThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> new RestingInstances(Duration.ZERO, Clock.systemUTC()))
                .hasMessageContaining("festival.gateway.failover.rest");
    }

    @Test
    void addressesAreOneUrlOrSeveralAndAnythingElseIsRefusedByName() {
        ServiceAddresses addresses = new ServiceAddresses(Map.of("orders", "http://localhost:8082, http://localhost:8182",
                "catalog", "http://catalog-service:8081"));
        assertThat(addresses.instancesOf("orders"))
                .containsExactly(URI.create("http://localhost:8082"), URI.create("http://localhost:8182"));
        assertThat(addresses.instancesOf("catalog")).containsExactly(URI.create("http://catalog-service:8081"));
        assertThatThrownBy(() -> new ServiceAddresses(Map.of("orders", "localhost:8082")))
                .hasMessageContaining("festival.services.orders").hasMessageContaining("localhost:8082");
        assertThatThrownBy(() -> new ServiceAddresses(Map.of("orders", " , ")))
                .hasMessageContaining("festival.services.orders names no address");
    }

    @Test
    void aFailedConnectionIsAnyIoFailureUnderneathNotAnAnswer() {
        assertThat(LoadBalancing.connectionFailed(new RuntimeException(new java.net.ConnectException("refused")))).isTrue();
        assertThat(LoadBalancing.connectionFailed(new java.net.SocketException("Connection reset"))).isTrue();
        assertThat(LoadBalancing.connectionFailed(new IllegalStateException("no instance"))).isFalse();
        assertThat(LoadBalancing.connectionFailed(null)).isFalse();
    }
}
