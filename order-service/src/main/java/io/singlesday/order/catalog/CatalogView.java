package io.singlesday.order.catalog;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

@Component
public class CatalogView {

    private final JdbcClient sql;

    public CatalogView(JdbcClient sql) {
        this.sql = sql;
    }

    /** The known SKUs among these ids; an id missing from the answer is unknown to this service. */
    public Map<UUID, SkuView> skus(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<SkuView> found = sql.sql("""
                select s.sku_id, s.product_id, s.store_id, s.brand_id, s.category_id, s.origin_country, s.title,
                       s.price_fen, s.currency, s.listed, coalesce(st.open, true)
                from catalog_skus s left join catalog_stores st on st.store_id = s.store_id
                where s.sku_id = any(?)""")
                .param(ids.toArray(UUID[]::new))
                .query((rs, n) -> new SkuView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getLong(5), rs.getString(6),
                        rs.getString(7), rs.getLong(8), rs.getString(9), rs.getBoolean(10), rs.getBoolean(11)))
                .list();
        return found.stream().collect(Collectors.toMap(SkuView::skuId, Function.identity()));
    }
}
