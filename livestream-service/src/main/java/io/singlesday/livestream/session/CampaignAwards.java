package io.singlesday.livestream.session;

import io.singlesday.contracts.topics.Topics;
import io.singlesday.contracts.catalog.LivestreamSlotAwarded;
import io.singlesday.platform.kafka.EventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.UUID;

/**
 * The catalog's incubation awards become campaign sessions: on the 21st after the measured month, at 20:00 in
 * Shanghai (prime time), on the brand's own channel. Keyed by brand and month, so a redelivery adds nothing.
 */
@Component
public class CampaignAwards {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final JdbcClient sql;
    private final EventCodec codec;

    public CampaignAwards(JdbcClient sql, EventCodec codec) {
        this.sql = sql;
        this.codec = codec;
    }

    @KafkaListener(id = "livestream-awards", groupId = "${spring.application.name}-awards", topics = Topics.Names.CATALOG_BRANDS)
    public void on(ConsumerRecord<String, byte[]> record) {
        if (codec.decode(record.value()).payload() instanceof LivestreamSlotAwarded award) {
            schedule(award);
        }
    }

    @Transactional
    public void schedule(LivestreamSlotAwarded award) {
        sql.sql("""
                insert into channels (id, name, kol, created_at, brand_id) values (?, ?, ?, ?, ?)
                on conflict (brand_id) do nothing""")
                .params(UUID.randomUUID(), award.brandName() + " live", award.brandName(), Timestamp.from(Instant.now()),
                        award.brandId()).update();
        UUID channel = sql.sql("select id from channels where brand_id = ?").param(award.brandId()).query(UUID.class).single();
        Instant start = YearMonth.parse(award.month()).plusMonths(1).atDay(21).atTime(LocalTime.of(20, 0)).atZone(SHANGHAI).toInstant();
        sql.sql("""
                insert into sessions (id, channel_id, title, kind, state, scheduled_start, award_key)
                values (?, ?, ?, 'CAMPAIGN', 'SCHEDULED', ?, ?)
                on conflict (award_key) do nothing""")
                .params(UUID.randomUUID(), channel, "Incubation campaign: " + award.brandName() + ", #" + award.rank() + " of "
                        + award.month(), Timestamp.from(start), award.brandId() + "|" + award.month()).update();
    }
}
