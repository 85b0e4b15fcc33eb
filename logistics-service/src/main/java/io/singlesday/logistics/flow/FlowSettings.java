package io.singlesday.logistics.flow;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param tick               how often (wall time) parcels move on
 * @param maxMovesPerStep    the most parcels one step moves in one tick, to keep each tick's transaction short
 * @param customsHoldPercent share of cross-border parcels customs holds until an operator releases them
 */
@ConfigurationProperties("logistics.flow")
public record FlowSettings(boolean enabled, Duration tick, int maxMovesPerStep, int customsHoldPercent) {
}
