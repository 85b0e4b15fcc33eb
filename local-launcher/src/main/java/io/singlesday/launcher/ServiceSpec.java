package io.singlesday.launcher;

import java.util.List;

/** One process of the platform as the launcher starts it. */
record ServiceSpec(String module, String database, int defaultPort, String urlVariable, String apiBase) {

    static final ServiceSpec GATEWAY = new ServiceSpec("gateway", null, 8080, null, null);

    static final List<ServiceSpec> SERVICES = List.of(
            new ServiceSpec("catalog-service", "catalog", 8081, "CATALOG_SERVICE_URL", "/api/catalog"),
            new ServiceSpec("order-service", "orders", 8082, "ORDER_SERVICE_URL", "/api/orders"),
            new ServiceSpec("coupon-service", "coupons", 8083, "COUPON_SERVICE_URL", "/api/coupons"),
            new ServiceSpec("livestream-service", "livestream", 8084, "LIVESTREAM_SERVICE_URL", "/api/livestreams"),
            new ServiceSpec("logistics-service", "logistics", 8085, "LOGISTICS_SERVICE_URL", "/api/logistics"),
            new ServiceSpec("gmv-counter-service", "gmv", 8086, "GMV_COUNTER_SERVICE_URL", "/api/gmv"));

    boolean isGateway() {
        return database == null;
    }

    String readinessPath() {
        return isGateway() ? "/actuator/health/readiness" : "/actuator/health/readiness";
    }
}
