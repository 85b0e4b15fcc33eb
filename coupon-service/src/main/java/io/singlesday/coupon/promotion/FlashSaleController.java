package io.singlesday.coupon.promotion;

import io.swagger.v3.oas.annotations.Operation;
import io.singlesday.platform.identity.Caller;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/api/coupons/promotions/flash-sales")
public class FlashSaleController {

    private final FlashSales sales;

    public FlashSaleController(FlashSales sales) {
        this.sales = sales;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('OPERATOR')")
    public FlashSales.FlashSale schedule(@Valid @RequestBody FlashSaleRequest request, Authentication auth) {
        return sales.schedule(request, Caller.of(auth).subject());
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('OPERATOR')")
    public FlashSales.FlashSale withdraw(@PathVariable UUID id, @RequestParam(defaultValue = "withdrawn by an operator") String reason) {
        return sales.withdraw(id, reason);
    }

    /** What is on sale now ({@code live=true}, the default) or still to come. */
    @GetMapping
    @Operation(operationId = "flashSales", summary = "Flash sales, live ones by default")
    public List<FlashSales.FlashSale> list(@RequestParam(defaultValue = "true") boolean live) {
        return sales.list(live);
    }
}
