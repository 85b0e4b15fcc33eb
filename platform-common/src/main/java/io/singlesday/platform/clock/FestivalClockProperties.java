package io.singlesday.platform.clock;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.OffsetDateTime;

/**
 * The clock's setting before any {@code FestivalClockChanged} has been read: festival time {@code start} at
 * the moment the service starts, running at {@code speed}. Without a start, festival time is real Beijing
 * time. Once the topic holds a setting, every instance follows it instead.
 */
@ConfigurationProperties("festival.clock")
public record FestivalClockProperties(OffsetDateTime start, Double speed) {

    public double speedOrDefault() {
        return speed == null ? 1.0 : speed;
    }
}
