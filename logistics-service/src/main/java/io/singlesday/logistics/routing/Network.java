package io.singlesday.logistics.routing;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The delivery network as routing sees it at one moment. */
public record Network(List<Warehouse> warehouses, List<Carrier> carriers, List<HemaStore> hemaStores) {

    public enum WarehouseKind { REGIONAL, BONDED }

    public record Warehouse(String code, String name, WarehouseKind kind, String province, String city, double latitude,
                            double longitude, int parcelsPerHour) {
    }

    /** An empty province list: the carrier serves the whole country. */
    public record Carrier(String code, String name, List<String> provinces, int parcelsPerHour) {
        public boolean serves(String province) {
            return provinces.isEmpty() || provinces.contains(province);
        }
    }

    public record HemaStore(String code, String name, String city, double latitude, double longitude,
                            Map<UUID, Integer> stock) {
    }
}
