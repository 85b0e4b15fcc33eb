package io.singlesday.order.refund;

import io.singlesday.platform.idempotency.IdempotencyFilter;
import io.singlesday.platform.identity.Caller;
import io.singlesday.platform.web.ApiProblem;
import io.singlesday.platform.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Returns: the shopper sends units of a paid order back and is refunded what they were charged. */
@RestController
@RequestMapping("/api/orders/{orderId}/refunds")
public class RefundController {

    private final Refunds refunds;

    public RefundController(Refunds refunds) {
        this.refunds = refunds;
    }

    @PostMapping
    @PreAuthorize("hasRole('SHOPPER')")
    @Operation(operationId = "refundOrder", summary = "Return units of a paid order (or all of it) and be refunded "
            + "exactly what they were charged; a retry with the same Idempotency-Key answers the same refund")
    @ApiResponse(responseCode = "201", description = "Refunded",
            headers = @Header(name = "Location", description = "The order's refunds"))
    @ApiResponse(responseCode = "200", description = "An earlier request with the same key, answered again",
            headers = @Header(name = "Idempotency-Replayed", description = "true when this answers an earlier request with the same key"))
    public ResponseEntity<RefundView> refund(@PathVariable UUID orderId,
                                             @RequestHeader(value = IdempotencyFilter.HEADER, required = false) String key,
                                             @Valid @RequestBody(required = false) RefundRequest request,
                                             Authentication auth) {
        if (key == null) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, ProblemType.IDEMPOTENCY_KEY_REQUIRED,
                    "A refund needs an Idempotency-Key header (any unique value, reused when you retry)");
        }
        if (!IdempotencyFilter.isValidKey(key)) {
            throw ApiProblem.badRequest("Idempotency-Key must be 1 to 200 visible ASCII characters");
        }
        Refunds.Outcome outcome = refunds.refund(orderId, Caller.of(auth), key,
                request == null ? new RefundRequest(null, null) : request);
        if (outcome.replayed()) {
            return ResponseEntity.ok().header("Idempotency-Replayed", "true").body(outcome.refund());
        }
        return ResponseEntity.created(URI.create("/api/orders/" + orderId + "/refunds")).body(outcome.refund());
    }

    /** The order's refunds, oldest first: for its shopper and operators; anyone else gets a 404. */
    @GetMapping
    @Operation(operationId = "orderRefunds", summary = "The order's refunds, oldest first")
    public List<RefundView> list(@PathVariable UUID orderId, Authentication auth) {
        return refunds.of(orderId, Caller.of(auth));
    }
}
