package io.singlesday.coupon.store;

import io.singlesday.contracts.topics.Topics;
import io.singlesday.contracts.catalog.StoreClosed;
import io.singlesday.contracts.catalog.StoreOpened;
import io.singlesday.platform.kafka.EventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/** Brands' stores, from the catalog. Opened and closed are whole states, so a redelivery changes nothing. */
@Component
public class StoreReadModel {

    private final JdbcClient sql;
    private final EventCodec codec;

    public StoreReadModel(JdbcClient sql, EventCodec codec) {
        this.sql = sql;
        this.codec = codec;
    }

    @KafkaListener(id = "coupon-stores", groupId = "${spring.application.name}-stores", topics = Topics.Names.CATALOG_STORES)
    public void on(ConsumerRecord<String, byte[]> record) {
        switch (codec.decode(record.value()).payload()) {
            case StoreOpened opened -> sql.sql("""
                    insert into stores (store_id, brand_id, open) values (?, ?, true)
                    on conflict (store_id) do update set open = true""").params(opened.storeId(), opened.brandId()).update();
            case StoreClosed closed -> sql.sql("""
                    insert into stores (store_id, brand_id, open) values (?, ?, false)
                    on conflict (store_id) do update set open = false""").params(closed.storeId(), closed.brandId()).update();
            default -> {
            }
        }
    }

    public Optional<UUID> openStoreOf(UUID brandId) {
        return sql.sql("select store_id from stores where brand_id = ? and open").param(brandId).query(UUID.class).optional();
    }
}
