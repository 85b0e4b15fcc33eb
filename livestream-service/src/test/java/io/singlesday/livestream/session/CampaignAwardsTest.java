package io.singlesday.livestream.session;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.Money;
import io.singlesday.contracts.catalog.LivestreamSlotAwarded;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.testsupport.TopicRecords;
import io.singlesday.testsupport.WithRealEngines;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** An incubation award from the catalog becomes one campaign session, however often it is delivered. */
@SpringBootTest
@WithRealEngines(database = "livestream")
class CampaignAwardsTest {

    @Autowired
    EventCodec codec;
    @Autowired
    JdbcClient sql;

    @Test
    void anAwardSchedulesOneCampaignSessionOnTheTwentyFirstAtPrimeTime() throws Exception {
        UUID brand = UUID.randomUUID();
        LivestreamSlotAwarded award = new LivestreamSlotAwarded(brand, "Berkaber", "2026-09", 1, Money.fen(150_000_000));
        try (KafkaProducer<String, byte[]> producer = TopicRecords.producer()) {
            for (int delivery = 0; delivery < 2; delivery++) {
                EventEnvelope<LivestreamSlotAwarded> envelope = EventEnvelope.wrap(EventCatalog.LIVESTREAM_SLOT_AWARDED,
                        brand.toString(), Instant.now(), null, award);
                // The same award twice under two event ids: the outbox may publish twice, and a replay may too.
                producer.send(new ProducerRecord<>("catalog.brands", brand.toString(), codec.encode(envelope))).get();
            }
        }
        long deadline = System.currentTimeMillis() + 30_000;
        List<Timestamp> starts = List.of();
        while (System.currentTimeMillis() < deadline && starts.isEmpty()) {
            Thread.sleep(200);
            starts = sessionsOf(brand);
        }
        Thread.sleep(1_000);
        starts = sessionsOf(brand);
        assertThat(starts).hasSize(1);
        // The month after September, the 21st, 20:00 in Shanghai.
        assertThat(starts.getFirst().toInstant()).isEqualTo(Instant.parse("2026-10-21T12:00:00Z"));
        assertThat(sql.sql("select count(*) from channels where brand_id = ?").param(brand).query(Integer.class).single()).isEqualTo(1);
    }

    private List<Timestamp> sessionsOf(UUID brand) {
        return sql.sql("""
                select s.scheduled_start from sessions s join channels c on c.id = s.channel_id
                where c.brand_id = ? and s.kind = 'CAMPAIGN' and s.state = 'SCHEDULED'""").param(brand).query(Timestamp.class).list();
    }
}
