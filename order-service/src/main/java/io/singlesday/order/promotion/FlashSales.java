package io.singlesday.order.promotion;

import io.singlesday.contracts.topics.Topics;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.promotions.FlashSaleScheduled;
import io.singlesday.contracts.promotions.FlashSaleWithdrawn;
import io.singlesday.order.catalog.SkuView;
import io.singlesday.platform.kafka.EventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Flash sales from the coupon service, and the price of the day they give a SKU. A schedule is a whole state and
 * a withdrawal a flag, so a redelivered event changes nothing.
 */
@Component
public class FlashSales {

    private final JdbcClient sql;
    private final EventCodec codec;

    public FlashSales(JdbcClient sql, EventCodec codec) {
        this.sql = sql;
        this.codec = codec;
    }

    @KafkaListener(id = "order-flash-sales", groupId = "${spring.application.name}-flash-sales", topics = Topics.Names.COUPONS_PROMOTIONS)
    public void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope<?> event = codec.decode(record.value());
        switch (event.payload()) {
            case FlashSaleScheduled sale -> sql.sql("""
                    insert into flash_sales (promotion_id, title, sku_ids, category_ids, brand_ids, provinces, price_fen,
                                             percent_off, starts_at, ends_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (promotion_id) do nothing""")
                    .params(sale.promotionId(), sale.title(), sale.skuIds().toArray(UUID[]::new),
                            sale.categoryIds().toArray(Long[]::new), sale.brandIds().toArray(UUID[]::new),
                            sale.provinces().toArray(String[]::new), sale.price() == null ? null : sale.price().minor(),
                            sale.percentOff(), Timestamp.from(sale.startsAt()), Timestamp.from(sale.endsAt()))
                    .update();
            case FlashSaleWithdrawn withdrawn ->
                    sql.sql("update flash_sales set withdrawn = true where promotion_id = ?").param(withdrawn.promotionId()).update();
            default -> {
            }
        }
    }

    /** The sale price and the promotion behind it, for the SKUs a live sale covers in this province. */
    public record SalePrice(long priceFen, UUID promotionId) {
    }

    public Map<UUID, SalePrice> bestPrices(Collection<SkuView> skus, String province, Instant festivalNow) {
        record Sale(UUID id, List<UUID> skuIds, List<Long> categories, List<UUID> brands, List<String> provinces,
                    Long priceFen, Integer percentOff) {
        }
        List<Sale> live = sql.sql("""
                select promotion_id, sku_ids, category_ids, brand_ids, provinces, price_fen, percent_off from flash_sales
                where not withdrawn and starts_at <= ? and ends_at > ?
                  and (sku_ids && ? or category_ids && ? or brand_ids && ?)""")
                .params(Timestamp.from(festivalNow), Timestamp.from(festivalNow),
                        skus.stream().map(SkuView::skuId).toArray(UUID[]::new),
                        skus.stream().map(SkuView::categoryId).toArray(Long[]::new),
                        skus.stream().map(SkuView::brandId).toArray(UUID[]::new))
                .query((rs, n) -> new Sale(rs.getObject(1, UUID.class), List.of((UUID[]) rs.getArray(2).getArray()),
                        List.of((Long[]) rs.getArray(3).getArray()), List.of((UUID[]) rs.getArray(4).getArray()),
                        List.of((String[]) rs.getArray(5).getArray()), (Long) rs.getObject(6), (Integer) rs.getObject(7)))
                .list();
        Map<UUID, SalePrice> best = new HashMap<>();
        for (SkuView sku : skus) {
            for (Sale sale : live) {
                boolean targeted = sale.skuIds().contains(sku.skuId()) || sale.categories().contains(sku.categoryId())
                        || sale.brands().contains(sku.brandId());
                if (!targeted || (!sale.provinces().isEmpty() && !sale.provinces().contains(province))) {
                    continue;
                }
                // Percentages round down to the fen: the shopper never pays more than the advertised share.
                long price = sale.priceFen() != null ? sale.priceFen()
                        : sku.priceFen() * (100 - sale.percentOff()) / 100;
                if (price < sku.priceFen() && (!best.containsKey(sku.skuId()) || price < best.get(sku.skuId()).priceFen())) {
                    best.put(sku.skuId(), new SalePrice(price, sale.id()));
                }
            }
        }
        return best;
    }
}
