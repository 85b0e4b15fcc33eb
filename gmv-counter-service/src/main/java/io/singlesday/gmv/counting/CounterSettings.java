package io.singlesday.gmv.counting;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * @param applicationId        the Kafka Streams application id: consumer group and prefix of its internal topics
 * @param stateDir             where local state lives; empty means a fresh temporary folder per start, restored
 *                             from the changelogs (always consistent with the broker, at the price of a restore)
 * @param streamThreads        stream threads of this instance
 * @param flushInterval        how often each partition hands its pending sums to the totals stage
 * @param catchUpFlushInterval how often instead while a partition is catching up (its newest record older than this)
 * @param commitInterval       exactly-once commit interval; with the flush it bounds how fresh the figures are
 * @param replication          replication of the changelog topics Kafka Streams creates
 * @param firstThresholdCny    the first round milestone; the next ones are ten times the previous
 * @param lastThresholdCny     the last round milestone
 * @param previousYearTotalCny the total to beat: passing it is the "record broken" milestone
 * @param usdPerCny            the configured exchange rate for the USD figure (display only; totals stay in fen)
 * @param snapshotInterval     how often the dashboards' snapshot is rebuilt and pushed
 */
@ConfigurationProperties("festival.gmv")
public record CounterSettings(String applicationId, String stateDir, int streamThreads, Duration flushInterval,
                             Duration catchUpFlushInterval, Duration commitInterval, int replication,
                             long firstThresholdCny, long lastThresholdCny, long previousYearTotalCny,
                             BigDecimal usdPerCny, Duration snapshotInterval) {

    public CounterSettings {
        // Built once here so that a bad interval stops the start with its property's name, not the first flush.
        new FlushPolicy(flushInterval, catchUpFlushInterval);
    }

    FlushPolicy flushes() {
        return new FlushPolicy(flushInterval, catchUpFlushInterval);
    }

    public MilestoneMarks marks() {
        return new MilestoneMarks(firstThresholdCny, lastThresholdCny, previousYearTotalCny);
    }
}
