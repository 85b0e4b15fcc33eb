package io.singlesday.coupon.claim;

import io.singlesday.platform.identity.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/** A claim is a retried write like any other: send an Idempotency-Key to have a retry answer the same coupon. */
@RestController
@PreAuthorize("hasRole('SHOPPER')")
public class ClaimController {

    private final Claims claims;

    public ClaimController(Claims claims) {
        this.claims = claims;
    }

    @PostMapping("/api/coupons/campaigns/{id}/claims")
    @ResponseStatus(HttpStatus.CREATED)
    public Claims.WalletCoupon claim(@PathVariable UUID id, Authentication auth) {
        return claims.claim(id, Caller.of(auth).subject());
    }

    @GetMapping("/api/coupons/wallet")
    public List<Claims.WalletCoupon> wallet(Authentication auth) {
        return claims.wallet(Caller.of(auth).subject());
    }
}
