package io.singlesday.catalog.brushing;

import io.singlesday.catalog.brushing.BrushingCases.Case;
import io.singlesday.catalog.brushing.BrushingCases.Decision;
import io.singlesday.catalog.brushing.BrushingCases.Page;
import io.singlesday.catalog.brushing.BrushingCases.State;
import io.singlesday.catalog.brushing.BrushingCases.StoreScore;
import io.singlesday.platform.identity.Caller;
import io.singlesday.platform.identity.Role;
import io.singlesday.platform.web.ApiProblem;
import io.singlesday.platform.web.RequestIdFilter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/**
 * The brushing review: operators see every case and decide them; a brand sees its own stores' cases and scores,
 * read-only; shoppers see nothing here.
 */
@RestController
@Tag(name = "Brushing review", description = "Orders suspected of faking turnover, with the signals behind each verdict")
public class BrushingController {

    private final BrushingCases cases;

    public BrushingController(BrushingCases cases) {
        this.cases = cases;
    }

    public record DecisionRequest(@NotNull Decision decision, @Size(max = 500) String note) {
    }

    @GetMapping("/api/catalog/brushing/cases")
    @PreAuthorize("hasAnyRole('OPERATOR', 'BRAND')")
    @Operation(operationId = "brushingCases", summary = "Suspected (or decided) orders with their signals; a brand sees its own only")
    public Page list(Authentication caller,
                     @RequestParam(defaultValue = "SUSPECTED") State state,
                     @RequestParam(required = false) UUID store,
                     @RequestParam(required = false) UUID after,
                     @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return cases.list(state, brandScope(caller), store, after, limit);
    }

    @GetMapping("/api/catalog/brushing/cases/{orderId}")
    @PreAuthorize("hasAnyRole('OPERATOR', 'BRAND')")
    @Operation(operationId = "brushingCase", summary = "One case: the order's signals, verdict and every decision on it")
    public Case one(Authentication caller, @PathVariable UUID orderId) {
        return cases.one(orderId, brandScope(caller)).orElseThrow(() -> ApiProblem.notFound("No brushing case for order " + orderId));
    }

    @PostMapping("/api/catalog/brushing/cases/{orderId}/decision")
    @PreAuthorize("hasRole('OPERATOR')")
    @Operation(operationId = "decideBrushingCase", summary = "Confirm (the order stays out of rankings and incubation) or "
            + "dismiss (it counts again); once per case")
    public Case decide(Authentication caller, HttpServletRequest request, @PathVariable UUID orderId,
                       @Valid @RequestBody DecisionRequest body) {
        Object requestId = request.getAttribute(RequestIdFilter.ATTRIBUTE);
        return cases.decide(orderId, body.decision(), caller.getName(), body.note(), requestId == null ? null : requestId.toString());
    }

    @GetMapping("/api/catalog/brushing/stores")
    @PreAuthorize("hasAnyRole('OPERATOR', 'BRAND')")
    @Operation(operationId = "brushingStores", summary = "Stores by how many of their orders are held as brushed; a brand sees its own")
    public List<StoreScore> stores(Authentication caller, @RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit) {
        return cases.stores(brandScope(caller), limit);
    }

    /** Null for an operator (every brand); the caller's own brand for a brand account. */
    private static UUID brandScope(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        if (caller.has(Role.OPERATOR)) {
            return null;
        }
        return caller.brandUuid().orElseThrow(() -> ApiProblem.forbidden("The token's brand is not a catalog brand id"));
    }
}
