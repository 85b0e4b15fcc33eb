package io.singlesday.gmv.counting;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Ready once the counter runs: its global stores are loaded, so queries answer with real figures. A rebalance
 * keeps it ready, since the figures stay readable; an error state is down.
 */
@Component("counter")
public class CounterHealth implements HealthIndicator {

    private final CounterStreams streams;

    public CounterHealth(CounterStreams streams) {
        this.streams = streams;
    }

    @Override
    public Health health() {
        KafkaStreams.State state = streams.state().orElse(null);
        if (state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING) {
            return Health.up().withDetail("streams", state.name()).build();
        }
        return Health.down().withDetail("streams", state == null ? "NOT_STARTED" : state.name()).build();
    }
}
