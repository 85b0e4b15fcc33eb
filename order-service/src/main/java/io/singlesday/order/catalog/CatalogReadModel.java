package io.singlesday.order.catalog;

import io.singlesday.contracts.topics.Topics;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.catalog.ProductSnapshot;
import io.singlesday.contracts.catalog.ProductUnlisted;
import io.singlesday.contracts.catalog.SkuPriceChanged;
import io.singlesday.contracts.catalog.StoreClosed;
import io.singlesday.contracts.catalog.StoreOpened;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.platform.kafka.UnreadableEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * The order service's copy of what it needs from the catalog. Every event carries a whole state (a snapshot, a
 * new price, open or closed) and one product's events arrive in order, so applying one twice is harmless: the
 * consumer is idempotent without an inbox table. Records are applied a poll at a time, in one transaction: a
 * fresh catalog of 10,000 products is then a few dozen commits instead of 10,000, which matters on a machine
 * where the whole stack starts at once.
 */
@Component
public class CatalogReadModel {

    private final JdbcClient sql;
    private final EventCodec codec;
    private final TransactionTemplate transactions;

    public CatalogReadModel(JdbcClient sql, EventCodec codec, TransactionTemplate transactions) {
        this.sql = sql;
        this.codec = codec;
        this.transactions = transactions;
    }

    @KafkaListener(id = "order-catalog-view", groupId = "${spring.application.name}-catalog-view", topics = {Topics.Names.CATALOG_PRODUCTS, Topics.Names.CATALOG_STORES},
            concurrency = "${order.read-model.consumers:1}", batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        List<EventEnvelope<?>> events = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                events.add(codec.decode(records.get(i).value()));
            } catch (UnreadableEventException unreadable) {
                // Apply what came before it, then let the error handler dead-letter this one and go on after it.
                transactions.executeWithoutResult(status -> events.forEach(this::apply));
                throw new BatchListenerFailedException(unreadable.getMessage(), unreadable, i);
            }
        }
        transactions.executeWithoutResult(status -> events.forEach(this::apply));
    }

    private void apply(EventEnvelope<?> event) {
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
