package io.singlesday.coupon.claim;

import io.swagger.v3.oas.annotations.Operation;
import io.singlesday.platform.web.ProblemType;
import io.singlesday.platform.openapi.Refusal;
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
    @Operation(operationId = "claimCoupon", summary = "Claim a coupon of a campaign into the shopper's wallet")
    @Refusal(status = 410, type = ProblemType.SOLD_OUT, when = "Every coupon of the campaign is gone")
    @Refusal(status = 409, type = ProblemType.OVER_LIMIT, when = "The shopper holds as many of this campaign's coupons as it allows")
    @Refusal(status = 409, when = "The campaign cannot be collected at this festival time")
    public Claims.WalletCoupon claim(@PathVariable UUID id, Authentication auth) {
        return claims.claim(id, Caller.of(auth).subject());
    }

    @GetMapping("/api/coupons/wallet")
    public List<Claims.WalletCoupon> wallet(Authentication auth) {
        return claims.wallet(Caller.of(auth).subject());
    }
}
