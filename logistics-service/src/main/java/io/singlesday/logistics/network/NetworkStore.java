package io.singlesday.logistics.network;

import io.singlesday.logistics.routing.Network;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The network's rows: read whole for routing (it is small), changed by operators. Routing reads a copy at most a
 * second old rather than three queries per order at midnight; shelf stock in the copy is only a hint, since
 * {@link #take} checks the rows under lock.
 */
@Repository
public class NetworkStore {

    private static final long FRESH_NANOS = 1_000_000_000L;

    private record Cached(long loadedAt, Network network) {
    }

    private final JdbcClient sql;
    private final AtomicReference<Cached> cached = new AtomicReference<>();

    public NetworkStore(JdbcClient sql) {
        this.sql = sql;
    }

    /** The network as of at most a second ago; a change made through this store shows at once. */
    public Network current() {
        Cached c = cached.get();
        long now = System.nanoTime();
        if (c == null || now - c.loadedAt() > FRESH_NANOS) {
            c = new Cached(now, load());
            cached.set(c);
        }
        return c.network();
    }

    private void changed() {
        cached.set(null);
    }

    public Network load() {
        List<Network.Warehouse> warehouses = sql.sql("""
                select code, name, kind, province, city, latitude, longitude, parcels_per_hour from warehouses order by code""")
                .query((rs, n) -> new Network.Warehouse(rs.getString(1), rs.getString(2),
                        Network.WarehouseKind.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getDouble(6),
                        rs.getDouble(7), rs.getInt(8))).list();
        List<Network.Carrier> carriers = sql.sql("select code, name, provinces, parcels_per_hour from carriers order by code")
                .query((rs, n) -> new Network.Carrier(rs.getString(1), rs.getString(2),
                        List.of((String[]) rs.getArray(3).getArray()), rs.getInt(4))).list();
        Map<String, Map<UUID, Integer>> stock = new HashMap<>();
        sql.sql("select store_code, sku_id, quantity from hema_stock where quantity > 0")
                .query(rs -> {
                    stock.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getObject(2, UUID.class), rs.getInt(3));
                });
        List<Network.HemaStore> stores = sql.sql("select code, name, city, latitude, longitude from hema_stores order by code")
                .query((rs, n) -> new Network.HemaStore(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4),
                        rs.getDouble(5), stock.getOrDefault(rs.getString(1), Map.of()))).list();
        return new Network(warehouses, carriers, stores);
    }

    public void saveWarehouse(Network.Warehouse w) {
        changed();
        sql.sql("""
                insert into warehouses (code, name, kind, province, city, latitude, longitude, parcels_per_hour)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (code) do update set name = excluded.name, kind = excluded.kind, province = excluded.province,
                    city = excluded.city, latitude = excluded.latitude, longitude = excluded.longitude,
                    parcels_per_hour = excluded.parcels_per_hour""")
                .params(w.code(), w.name(), w.kind().name(), w.province(), w.city(), w.latitude(), w.longitude(),
                        w.parcelsPerHour()).update();
    }

    public void saveCarrier(Network.Carrier c) {
        changed();
        sql.sql("""
                insert into carriers (code, name, provinces, parcels_per_hour) values (?, ?, ?, ?)
                on conflict (code) do update set name = excluded.name, provinces = excluded.provinces,
                    parcels_per_hour = excluded.parcels_per_hour""")
                .params(c.code(), c.name(), c.provinces().toArray(String[]::new), c.parcelsPerHour()).update();
    }

    public void saveHemaStore(Network.HemaStore s) {
        changed();
        sql.sql("""
                insert into hema_stores (code, name, city, latitude, longitude) values (?, ?, ?, ?, ?)
                on conflict (code) do update set name = excluded.name, city = excluded.city, latitude = excluded.latitude,
                    longitude = excluded.longitude""")
                .params(s.code(), s.name(), s.city(), s.latitude(), s.longitude()).update();
    }

    public boolean hemaStoreExists(String code) {
        return sql.sql("select count(*) from hema_stores where code = ?").param(code).query(Integer.class).single() > 0;
    }

    public void setStock(String store, UUID sku, int quantity) {
        changed();
        sql.sql("""
                insert into hema_stock (store_code, sku_id, quantity) values (?, ?, ?)
                on conflict (store_code, sku_id) do update set quantity = excluded.quantity""")
                .params(store, sku, quantity).update();
    }

    /**
     * Takes the items from a store's shelf if every one is still there: the rows are locked first, so two orders
     * cannot both take the last unit; nothing is taken when one item is short. Inside the caller's transaction.
     */
    public boolean take(String store, Map<UUID, Integer> items) {
        Map<UUID, Integer> onShelf = new HashMap<>();
        sql.sql("select sku_id, quantity from hema_stock where store_code = ? and sku_id = any(?) for update")
                .params(store, items.keySet().toArray(UUID[]::new))
                .query(rs -> {
                    onShelf.put(rs.getObject(1, UUID.class), rs.getInt(2));
                });
        if (!items.entrySet().stream().allMatch(i -> onShelf.getOrDefault(i.getKey(), 0) >= i.getValue())) {
            return false;
        }
        items.forEach((sku, quantity) -> sql.sql(
                        "update hema_stock set quantity = quantity - ? where store_code = ? and sku_id = ?")
                .params(quantity, store, sku).update());
        changed();
        return true;
    }

    public void putBack(String store, Map<UUID, Integer> items) {
        changed();
        items.forEach((sku, quantity) -> sql.sql("""
                update hema_stock set quantity = quantity + ? where store_code = ? and sku_id = ?""")
                .params(quantity, store, sku).update());
    }
}
