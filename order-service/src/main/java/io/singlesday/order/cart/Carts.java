package io.singlesday.order.cart;

import io.singlesday.order.catalog.CatalogView;
import io.singlesday.order.catalog.SkuView;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.web.ApiProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Carts persist across the festival's days; prices shown are today's list prices from the catalog read model. */
@Service
public class Carts {

    static final int MAX_ITEMS = 100;

    private final JdbcClient sql;
    private final CatalogView catalog;
    private final FestivalClock clock;

    public Carts(JdbcClient sql, CatalogView catalog, FestivalClock clock) {
        this.sql = sql;
        this.catalog = catalog;
        this.clock = clock;
    }

    public record Item(UUID skuId, UUID productId, String title, int quantity, long unitPriceFen, long lineFen,
                       boolean available) {
    }

    public record StoreGroup(UUID storeId, List<Item> items, long subtotalFen) {
    }

    public record Cart(List<StoreGroup> stores, long totalFen, String currency) {
    }

    public Cart setQuantity(String shopperId, UUID skuId, int quantity) {
        SkuView sku = catalog.skus(List.of(skuId)).get(skuId);
        if (sku == null) {
            throw ApiProblem.unprocessable("Unknown SKU " + skuId);
        }
        if (!sku.listed()) {
            throw ApiProblem.unprocessable("SKU " + skuId + " is not on sale");
        }
        int held = sql.sql("select count(*) from cart_items where shopper_id = ? and sku_id <> ?")
                .params(shopperId, skuId).query(Integer.class).single();
        if (held >= MAX_ITEMS) {
            throw ApiProblem.unprocessable("A cart holds at most " + MAX_ITEMS + " different SKUs");
        }
        sql.sql("""
                insert into cart_items (shopper_id, sku_id, quantity, added_at) values (?, ?, ?, ?)
                on conflict (shopper_id, sku_id) do update set quantity = excluded.quantity""")
                .params(shopperId, skuId, quantity, Timestamp.from(clock.instant())).update();
        return cart(shopperId);
    }

    public Cart remove(String shopperId, UUID skuId) {
        sql.sql("delete from cart_items where shopper_id = ? and sku_id = ?").params(shopperId, skuId).update();
        return cart(shopperId);
    }

    public Cart cart(String shopperId) {
        Map<UUID, Integer> quantities = new LinkedHashMap<>();
        sql.sql("select sku_id, quantity from cart_items where shopper_id = ? order by added_at, sku_id")
                .param(shopperId)
                .query((rs, n) -> quantities.put(rs.getObject(1, UUID.class), rs.getInt(2))).list();
        Map<UUID, SkuView> skus = catalog.skus(quantities.keySet());
        Map<UUID, List<Item>> byStore = new LinkedHashMap<>();
        quantities.forEach((skuId, quantity) -> {
            SkuView sku = skus.get(skuId);
            long line = Math.multiplyExact(sku.priceFen(), quantity);
            byStore.computeIfAbsent(sku.storeId(), s -> new ArrayList<>()).add(new Item(skuId, sku.productId(),
                    sku.title(), quantity, sku.priceFen(), line, sku.listed() && sku.storeOpen()));
        });
        List<StoreGroup> stores = byStore.entrySet().stream()
                .map(e -> new StoreGroup(e.getKey(), e.getValue(), e.getValue().stream().mapToLong(Item::lineFen).sum()))
                .toList();
        return new Cart(stores, stores.stream().mapToLong(StoreGroup::subtotalFen).sum(), "CNY");
    }
}
