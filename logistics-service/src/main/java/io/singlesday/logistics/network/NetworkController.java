package io.singlesday.logistics.network;

import io.singlesday.logistics.routing.Network;
import io.singlesday.platform.web.ApiProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Operators run the network: warehouses, carriers, Hema stores and their shelves. PUTs replace, so a retry is harmless. */
@RestController
@RequestMapping("/api/logistics/network")
@PreAuthorize("hasRole('OPERATOR')")
public class NetworkController {

    private static final String CODE = "[A-Z0-9-]{2,32}";

    private final NetworkStore store;

    public NetworkController(NetworkStore store) {
        this.store = store;
    }

    @GetMapping
    public Network network() {
        return store.load();
    }

    public record WarehouseRequest(@NotBlank @Size(max = 100) String name, @NotNull Network.WarehouseKind kind,
                                   @NotBlank @Size(max = 60) String province, @NotBlank @Size(max = 60) String city,
                                   @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
                                   @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude,
                                   @NotNull @Min(value = 0, message = "must not be negative") Integer parcelsPerHour) {
    }

    @PutMapping("/warehouses/{code}")
    public Network.Warehouse warehouse(@PathVariable String code,
                                       @Valid @RequestBody WarehouseRequest r) {
        Network.Warehouse w = new Network.Warehouse(checked(code), r.name(), r.kind(), r.province(), r.city(),
                r.latitude(), r.longitude(), r.parcelsPerHour());
        store.saveWarehouse(w);
        return w;
    }

    public record CarrierRequest(@NotBlank @Size(max = 100) String name, @NotNull List<@NotBlank String> provinces,
                                 @NotNull @Min(value = 0, message = "must not be negative") Integer parcelsPerHour) {
    }

    @PutMapping("/carriers/{code}")
    public Network.Carrier carrier(@PathVariable String code, @Valid @RequestBody CarrierRequest r) {
        Network.Carrier c = new Network.Carrier(checked(code), r.name(), List.copyOf(r.provinces()), r.parcelsPerHour());
        store.saveCarrier(c);
        return c;
    }

    public record HemaStoreRequest(@NotBlank @Size(max = 100) String name, @NotBlank @Size(max = 60) String city,
                                   @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
                                   @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude) {
    }

    @PutMapping("/hema-stores/{code}")
    public Network.HemaStore hemaStore(@PathVariable String code, @Valid @RequestBody HemaStoreRequest r) {
        Network.HemaStore s = new Network.HemaStore(checked(code), r.name(), r.city(), r.latitude(), r.longitude(), Map.of());
        store.saveHemaStore(s);
        return s;
    }

    public record StockRequest(@NotNull @Min(value = 0, message = "must not be negative") Integer quantity) {
    }

    @PutMapping("/hema-stores/{code}/stock/{skuId}")
    public StockRequest stock(@PathVariable String code, @PathVariable UUID skuId, @Valid @RequestBody StockRequest r) {
        if (!store.hemaStoreExists(code)) {
            throw ApiProblem.notFound("No Hema store " + code);
        }
        store.setStock(code, skuId, r.quantity());
        return r;
    }

    private static String checked(String code) {
        if (!code.matches(CODE)) {
            throw ApiProblem.badRequest("code must be 2 to 32 capital letters, digits or dashes");
        }
        return code;
    }
}
