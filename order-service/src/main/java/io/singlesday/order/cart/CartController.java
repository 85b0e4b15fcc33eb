package io.singlesday.order.cart;

import io.swagger.v3.oas.annotations.Operation;
import io.singlesday.platform.identity.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** PUT sets a quantity rather than adding to it, so a retried request changes nothing. */
@RestController
@RequestMapping("/api/orders/cart")
@PreAuthorize("hasRole('SHOPPER')")
public class CartController {

    private final Carts carts;

    public CartController(Carts carts) {
        this.carts = carts;
    }

    public record Quantity(@Min(value = 1, message = "must be at least 1") @Max(value = 99, message = "at most 99") int quantity) {
    }

    @GetMapping
    @Operation(operationId = "cart", summary = "The shopper's cart, grouped by store")
    public Carts.Cart cart(Authentication auth) {
        return carts.cart(Caller.of(auth).subject());
    }

    @PutMapping("/items/{skuId}")
    @Operation(operationId = "putCartItem", summary = "Put a SKU in the cart with a quantity (replaces the quantity if it is there)")
    public Carts.Cart put(@PathVariable UUID skuId, @Valid @RequestBody Quantity body, Authentication auth) {
        return carts.setQuantity(Caller.of(auth).subject(), skuId, body.quantity());
    }

    @DeleteMapping("/items/{skuId}")
    @Operation(operationId = "removeCartItem", summary = "Take a SKU out of the cart")
    public Carts.Cart remove(@PathVariable UUID skuId, Authentication auth) {
        return carts.remove(Caller.of(auth).subject(), skuId);
    }
}
