package io.singlesday.logistics.returns;

import io.singlesday.platform.identity.Caller;
import io.singlesday.platform.identity.Role;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/** Tracking a return, for the shopper who sent it and for operators; another shopper's order shows none. */
@RestController
@RequestMapping("/api/logistics/returns")
public class ReturnController {

    private final Returns returns;

    public ReturnController(Returns returns) {
        this.returns = returns;
    }

    @GetMapping
    @Operation(operationId = "orderReturns", summary = "An order's return parcels, oldest first")
    public List<Returns.ReturnView> ofOrder(@RequestParam UUID orderId, Authentication auth) {
        Caller caller = Caller.of(auth);
        return returns.ofOrder(orderId, caller.has(Role.OPERATOR) ? null : caller.subject());
    }
}
