package io.singlesday.catalog.product;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.EventType;
import io.singlesday.contracts.Money;
import io.singlesday.contracts.catalog.ProductSnapshot;
import io.singlesday.platform.outbox.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds product snapshots from the tables and writes them to the outbox, in the caller's transaction. */
@Component
public class ProductEvents {

    private final JdbcClient sql;
    private final Outbox outbox;

    public ProductEvents(JdbcClient sql, Outbox outbox) {
        this.sql = sql;
        this.outbox = outbox;
    }

    public void listed(Collection<UUID> productIds) {
        publish(EventCatalog.PRODUCT_LISTED, productIds);
    }

    public void changed(UUID productId) {
        publish(EventCatalog.PRODUCT_CHANGED, List.of(productId));
    }

    private void publish(EventType<ProductSnapshot> type, Collection<UUID> productIds) {
        if (productIds.isEmpty()) {
            return;
        }
        UUID[] ids = productIds.toArray(UUID[]::new);
        Map<UUID, List<ProductSnapshot.Sku>> skus = new HashMap<>();
        sql.sql("select product_id, id, code, price_fen, currency, stock - reserved from skus where product_id = any(?) order by code")
                .param(ids)
                .query(rs -> {
                    skus.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(new ProductSnapshot.Sku(
                            rs.getObject(2, UUID.class), rs.getString(3), new Money(rs.getLong(4), rs.getString(5).trim()),
                            rs.getInt(6)));
                });
        List<Outbox.Keyed<ProductSnapshot>> snapshots = sql.sql("""
                select p.id, p.store_id, p.brand_id, b.name, p.category_id, c.name, p.title, b.origin_country,
                       b.cross_border, p.listed
                from products p join brands b on b.id = p.brand_id join categories c on c.id = p.category_id
                where p.id = any(?)""")
                .param(ids)
                .query((rs, n) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    return new Outbox.Keyed<>(id.toString(), new ProductSnapshot(id, rs.getObject(2, UUID.class),
                            rs.getObject(3, UUID.class), rs.getString(4), rs.getLong(5), rs.getString(6), rs.getString(7),
                            rs.getString(8), rs.getBoolean(9), rs.getBoolean(10), skus.getOrDefault(id, List.of())));
                })
                .list();
        outbox.appendAll(type, snapshots);
    }
}
