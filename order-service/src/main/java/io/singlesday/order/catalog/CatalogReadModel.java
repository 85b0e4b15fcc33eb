package io.singlesday.order.catalog;

import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.catalog.ProductSnapshot;
import io.singlesday.contracts.catalog.ProductUnlisted;
import io.singlesday.contracts.catalog.SkuPriceChanged;
import io.singlesday.contracts.catalog.StoreClosed;
import io.singlesday.contracts.catalog.StoreOpened;
import io.singlesday.platform.kafka.EventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The order service's copy of what it needs from the catalog. Every event carries a whole state (a snapshot, a
 * new price, open or closed) and one product's events arrive in order, so applying one twice is harmless: the
 * consumer is idempotent without an inbox table.
 */
@Component
public class CatalogReadModel {

    private final JdbcClient sql;
    private final EventCodec codec;

    public CatalogReadModel(JdbcClient sql, EventCodec codec) {
        this.sql = sql;
        this.codec = codec;
    }

    @KafkaListener(id = "order-catalog-view", groupId = "${spring.application.name}-catalog-view", topics = {"catalog.products", "catalog.stores"},
            concurrency = "${order.read-model.consumers:3}")
    @Transactional
    public void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope<?> event = codec.decode(record.value());
        switch (event.payload()) {
            case ProductSnapshot product -> upsert(product);
            case ProductUnlisted unlisted ->
                    sql.sql("update catalog_skus set listed = false where product_id = ?").param(unlisted.productId()).update();
            case SkuPriceChanged price -> sql.sql("update catalog_skus set price_fen = ?, currency = ? where sku_id = ?")
                    .params(price.price().minor(), price.price().currency(), price.skuId()).update();
            case StoreOpened opened -> sql.sql("""
                    insert into catalog_stores (store_id, brand_id, name, open) values (?, ?, ?, true)
                    on conflict (store_id) do update set name = excluded.name, open = true""")
                    .params(opened.storeId(), opened.brandId(), opened.name()).update();
            case StoreClosed closed -> sql.sql("""
                    insert into catalog_stores (store_id, brand_id, name, open) values (?, ?, '', false)
                    on conflict (store_id) do update set open = false""")
                    .params(closed.storeId(), closed.brandId()).update();
            default -> {
                // Stock levels and other catalog news do not change what a cart may hold or what it costs.
            }
        }
    }

    private void upsert(ProductSnapshot product) {
        for (ProductSnapshot.Sku sku : product.skus()) {
            sql.sql("""
                    insert into catalog_skus (sku_id, product_id, store_id, brand_id, category_id, origin_country, title,
                                              code, price_fen, currency, listed)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (sku_id) do update set store_id = excluded.store_id, brand_id = excluded.brand_id,
                        category_id = excluded.category_id, origin_country = excluded.origin_country,
                        title = excluded.title, code = excluded.code, price_fen = excluded.price_fen,
                        currency = excluded.currency, listed = excluded.listed""")
                    .params(sku.skuId(), product.productId(), product.storeId(), product.brandId(), product.categoryId(),
                            product.originCountry(), product.title(), sku.code(), sku.price().minor(),
                            sku.price().currency(), product.listed())
                    .update();
        }
    }
}
