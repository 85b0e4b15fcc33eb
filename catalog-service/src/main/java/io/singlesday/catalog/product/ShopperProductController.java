package io.singlesday.catalog.product;

import io.singlesday.catalog.product.ProductViews.Detail;
import io.singlesday.catalog.product.ProductViews.Page;
import io.singlesday.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@RestController
@Tag(name = "Shopping", description = "Browse and search the festival catalog; no sign-in needed")
public class ShopperProductController {

    private final ProductQueries queries;

    public ShopperProductController(ProductQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/catalog/products")
    @Operation(summary = "Browse or search listed products; pass the answer's 'next' as 'after' for the next page")
    public Page browse(@RequestParam(required = false) Long category,
                       @RequestParam(required = false) UUID brand,
                       @RequestParam(required = false) UUID store,
                       @RequestParam(required = false) @PositiveOrZero Long minPriceFen,
                       @RequestParam(required = false) @PositiveOrZero Long maxPriceFen,
                       @RequestParam(required = false) @Size(max = 200) String q,
                       @RequestParam(defaultValue = "false") boolean featured,
                       @io.swagger.v3.oas.annotations.Parameter(description = "id: a stable order to walk the catalog; "
                               + "sales: best sellers of the recent festival days first, net of returns")
                       @RequestParam(defaultValue = "id") ProductQueries.Sort sort,
                       @RequestParam(required = false) UUID after,
                       @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        if (minPriceFen != null && maxPriceFen != null && minPriceFen > maxPriceFen) {
            throw ApiProblem.badRequest("'minPriceFen' must not exceed 'maxPriceFen'");
        }
        return queries.browse(new ProductQueries.Filter(category, brand, store, minPriceFen, maxPriceFen, q, featured,
                after, limit, false, sort));
    }

    @GetMapping("/api/catalog/products/{id}")
    @Operation(summary = "A listed product with its SKUs, prices and stock status")
    public Detail product(@PathVariable UUID id) {
        return queries.detail(id, null, false).orElseThrow(() -> ApiProblem.notFound("No listed product " + id));
    }
}
