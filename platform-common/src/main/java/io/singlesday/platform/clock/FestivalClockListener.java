package io.singlesday.platform.clock;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.platform.kafka.EventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.annotation.TopicPartition;

/**
 * Every instance reads the whole compacted clock topic from the start, outside any consumer-group
 * balancing: each one needs every setting, not a share of them. Re-reading a setting is harmless, which makes
 * this consumer idempotent by construction.
 */
public class FestivalClockListener {

    private static final Logger log = LoggerFactory.getLogger(FestivalClockListener.class);

    private final FestivalClock clock;
    private final EventCodec codec;

    public FestivalClockListener(FestivalClock clock, EventCodec codec) {
        this.clock = clock;
        this.codec = codec;
    }

    @KafkaListener(id = "${spring.application.name}-festival-clock",
            groupId = "${spring.application.name}.festival-clock",
            autoStartup = "${festival.clock.follow-topic:true}",
            topicPartitions = @TopicPartition(topic = "festival.clock",
                    partitionOffsets = @PartitionOffset(partition = "0", initialOffset = "0")))
    public void onClockChanged(ConsumerRecord<String, byte[]> record) {
        var setting = codec.decode(record.value(), EventCatalog.FESTIVAL_CLOCK_CHANGED).payload();
        if (clock.apply(setting)) {
            log.info("Festival clock set by {}: {} at speed {} from {}", setting.changedBy(),
                    setting.festivalAnchor(), setting.speed(), setting.wallAnchor());
        }
    }
}
