package io.singlesday.catalog.product;

import io.singlesday.catalog.access.BrandAccess;
import io.singlesday.catalog.product.ProductViews.Detail;
import io.singlesday.catalog.product.ProductViews.Page;
import io.singlesday.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@RestController
@RequestMapping("/api/catalog/brand")
@PreAuthorize("hasRole('BRAND')")
@Tag(name = "Brand store", description = "A brand manages its own store's products, SKUs, prices and stock")
public class BrandProductController {

    private final BrandCatalog catalog;
    private final ProductQueries queries;

    public BrandProductController(BrandCatalog catalog, ProductQueries queries) {
        this.catalog = catalog;
        this.queries = queries;
    }

    public record SkuRequest(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "letters, digits and ._- only, at most 64") String code,
            @Size(max = 120) String label,
            @NotNull @Positive Long priceFen,
            @NotNull @PositiveOrZero @Max(10_000_000) Integer stock) {
    }

    public record ProductRequest(
            @NotBlank @Size(max = 200) String title,
            @Size(max = 5000) String description,
            @NotNull Long categoryId,
            @NotEmpty @Size(max = 50) List<@Valid SkuRequest> skus) {

        public BrandCatalog.NewProduct toNew() {
            return new BrandCatalog.NewProduct(title, description, categoryId, skus.stream()
                    .map(s -> new BrandCatalog.NewSku(s.code(), s.label(), s.priceFen(), s.stock())).toList());
        }
    }

    public record DescriptionRequest(@NotBlank @Size(max = 200) String title, @Size(max = 5000) String description,
                                     @NotNull Long categoryId) {
    }

    public record PriceRequest(@NotNull @Positive Long priceFen) {
    }

    public record StockRequest(@NotNull @PositiveOrZero @Max(10_000_000) Integer stock) {
    }

    @GetMapping("/products")
    @Operation(summary = "Your store's products, listed or not")
    public Page mine(Authentication caller, @RequestParam(required = false) UUID after,
                     @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return queries.browse(new ProductQueries.Filter(null, BrandAccess.brandOf(caller), null, null, null, null,
                false, after, limit, true, ProductQueries.Sort.id));
    }

    @GetMapping("/products/{id}")
    @Operation(operationId = "brandProduct", summary = "One of the brand's own products, listed or not")
    public Detail one(Authentication caller, @PathVariable UUID id) {
        return queries.detail(id, BrandAccess.brandOf(caller), true)
                .orElseThrow(() -> ApiProblem.notFound("No product " + id + " in your store"));
    }

    @PostMapping("/products")
    @Operation(operationId = "createProduct", summary = "List a new product with its SKUs (codes are unique across the catalog)")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "Listed, with its SKUs",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location", description = "The product to read"))
    public ResponseEntity<Detail> create(Authentication caller,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "cream", summary = "One product with one SKU", value = "{\"title\":\"Alpine face cream\",\"categoryId\":301,\"skus\":[{\"code\":\"BB-CREAM-50\",\"priceFen\":19900,\"stock\":500}]}")))
            @Valid @RequestBody ProductRequest request) {
        UUID brand = BrandAccess.brandOf(caller);
        UUID id = catalog.create(brand, request.toNew());
        return ResponseEntity.created(URI.create("/api/catalog/brand/products/" + id))
                .body(queries.detail(id, brand, true).orElseThrow());
    }

    @PutMapping("/products/{id}")
    @Operation(summary = "Change a product's title, description or category")
    public Detail describe(Authentication caller, @PathVariable UUID id, @Valid @RequestBody DescriptionRequest request) {
        UUID brand = BrandAccess.brandOf(caller);
        catalog.describe(brand, id, request.title(), request.description(), request.categoryId());
        return queries.detail(id, brand, true).orElseThrow();
    }

    @PutMapping("/skus/{skuId}/price")
    public Map<String, Object> price(Authentication caller, @PathVariable UUID skuId, @Valid @RequestBody PriceRequest request) {
        catalog.changePrice(BrandAccess.brandOf(caller), skuId, request.priceFen());
        return Map.of("skuId", skuId, "priceFen", request.priceFen());
    }

    @PutMapping("/skus/{skuId}/stock")
    public Map<String, Object> stock(Authentication caller, @PathVariable UUID skuId, @Valid @RequestBody StockRequest request) {
        int available = catalog.changeStock(BrandAccess.brandOf(caller), skuId, request.stock());
        return Map.of("skuId", skuId, "stock", request.stock(), "available", available);
    }

    @PostMapping("/products/{id}/unlist")
    @Operation(operationId = "unlistProduct", summary = "Take a product off sale")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "204", description = "Off sale")
    public ResponseEntity<Void> unlist(Authentication caller, @PathVariable UUID id) {
        catalog.setListed(BrandAccess.brandOf(caller), id, false);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/products/{id}/list")
    @Operation(operationId = "listProduct", summary = "Put a product back on sale")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "204", description = "On sale")
    public ResponseEntity<Void> list(Authentication caller, @PathVariable UUID id) {
        catalog.setListed(BrandAccess.brandOf(caller), id, true);
        return ResponseEntity.noContent().build();
    }
}
