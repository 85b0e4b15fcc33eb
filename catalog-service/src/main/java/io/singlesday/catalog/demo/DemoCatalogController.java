package io.singlesday.catalog.demo;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.sql.SQLException;

@RestController
@PreAuthorize("hasRole('OPERATOR')")
@Tag(name = "Demo data", description = "Fill the catalog for demos and load tests")
public class DemoCatalogController {

    private final DemoCatalog demo;

    public DemoCatalogController(DemoCatalog demo) {
        this.demo = demo;
    }

    public record GenerateRequest(@Min(1) @Max(200_000) Integer brands, @Min(1) @Max(15_000_000) Integer products,
                                  Long seed, @Min(0) @Max(1_000) Integer featured, Boolean publishEvents) {
    }

    @PostMapping("/api/catalog/demo/generate")
    @Operation(summary = "Add a generated festival catalog (defaults: 1,000 brands, 10,000 products, 20 featured)")
    public DemoCatalog.Report generate(@Valid @RequestBody GenerateRequest r) throws SQLException, java.io.IOException {
        int brands = r.brands() == null ? 1_000 : r.brands();
        int products = r.products() == null ? 10_000 : r.products();
        return demo.generate(new DemoCatalog.Request(brands, products, r.seed() == null ? 1111L : r.seed(),
                Math.min(products, r.featured() == null ? 20 : r.featured()),
                r.publishEvents() == null || r.publishEvents()));
    }
}
