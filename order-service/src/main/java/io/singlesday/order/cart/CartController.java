package io.singlesday.order.cart;

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
    public Carts.Cart cart(Authentication auth) {
        return carts.cart(Caller.of(auth).subject());
    }

    @PutMapping("/items/{skuId}")
    public Carts.Cart put(@PathVariable UUID skuId, @Valid @RequestBody Quantity body, Authentication auth) {
        return carts.setQuantity(Caller.of(auth).subject(), skuId, body.quantity());
    }

    @DeleteMapping("/items/{skuId}")
    public Carts.Cart remove(@PathVariable UUID skuId, Authentication auth) {
        return carts.remove(Caller.of(auth).subject(), skuId);
    }
}
