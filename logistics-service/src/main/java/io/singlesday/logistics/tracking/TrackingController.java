package io.singlesday.logistics.tracking;

import io.singlesday.logistics.parcel.ParcelState;
import io.singlesday.logistics.parcel.Parcels;
import io.singlesday.platform.identity.Caller;
import io.singlesday.platform.identity.Role;
import io.singlesday.platform.web.ApiProblem;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Parcel tracking for the shopper who ordered and for operators; anyone else's parcel is "not found", so ids
 * cannot be probed. Operators also hold and release parcels at customs.
 */
@RestController
@RequestMapping("/api/logistics/parcels")
public class TrackingController {

    private final Parcels parcels;

    public TrackingController(Parcels parcels) {
        this.parcels = parcels;
    }

    public record ParcelView(UUID id, UUID orderId, String route, String origin, String carrier,
                             @io.swagger.v3.oas.annotations.media.Schema(implementation = io.singlesday.logistics.parcel.ParcelState.class) String state,
                             String city, String province, Instant createdAt, Instant promisedBy,
                             List<Parcels.ParcelLine> lines, List<Parcels.Step> timeline) {
    }

    public record ParcelSummary(UUID id, UUID orderId, String route,
                                @io.swagger.v3.oas.annotations.media.Schema(implementation = io.singlesday.logistics.parcel.ParcelState.class) String state, Instant promisedBy) {
    }

    @GetMapping("/{id}")
    public ParcelView parcel(@PathVariable UUID id, Authentication auth) {
        return view(visible(id, Caller.of(auth)));
    }

    /** One page of the caller's parcels; {@code next} is the key of the page after it. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "ParcelPage")
    public record ParcelPage(List<ParcelSummary> items, UUID next) implements io.singlesday.platform.web.KeysetPage {
    }

    /**
     * The caller's parcels, newest first, a page at a time (pass {@code next} as {@code after}, or follow the Link
     * header); with {@code orderId}, that order's parcels, on one page.
     */
    @GetMapping
    @io.swagger.v3.oas.annotations.Operation(operationId = "myParcels", summary = "The caller's parcels, newest first, or one order's")
    public ParcelPage mine(@RequestParam(required = false) UUID orderId, @RequestParam(required = false) UUID after,
                           @RequestParam(defaultValue = "20") int limit, Authentication auth) {
        if (limit < 1 || limit > 100) {
            throw ApiProblem.badRequest("limit must be between 1 and 100");
        }
        Caller caller = Caller.of(auth);
        if (orderId != null) {
            return new ParcelPage(summaries(parcels.ofOrder(orderId).stream()
                    .filter(p -> p.shopperId().equals(caller.subject()) || caller.has(Role.OPERATOR)).toList()), null);
        }
        // One row more than the page: it tells whether another page follows.
        List<Parcels.Parcel> found = parcels.ofShopper(caller.subject(), after, limit + 1);
        List<ParcelSummary> page = summaries(found.subList(0, Math.min(limit, found.size())));
        return new ParcelPage(page, found.size() > limit ? page.get(limit - 1).id() : null);
    }

    private static List<ParcelSummary> summaries(List<Parcels.Parcel> found) {
        return found.stream().map(p -> new ParcelSummary(p.id(), p.orderId(), p.route().name(), p.state().name(),
                p.promisedBy())).toList();
    }

    @PostMapping("/{id}/customs/hold")
    @PreAuthorize("hasRole('OPERATOR')")
    @Transactional
    public ParcelView hold(@PathVariable UUID id, Authentication auth) {
        Parcels.Parcel p = visible(id, Caller.of(auth));
        if (p.state() != ParcelState.DISPATCHED && p.state() != ParcelState.CUSTOMS) {
            throw ApiProblem.conflict("Only a cross-border parcel on its way to or at customs can be held; this one is " + p.state());
        }
        if (!"CROSS_BORDER".equals(p.route().name())) {
            throw ApiProblem.conflict("Only cross-border parcels pass customs");
        }
        parcels.hold(id, true);
        return view(p);
    }

    @PostMapping("/{id}/customs/release")
    @PreAuthorize("hasRole('OPERATOR')")
    @Transactional
    public ParcelView release(@PathVariable UUID id, Authentication auth) {
        Parcels.Parcel p = visible(id, Caller.of(auth));
        parcels.hold(id, false);
        return view(p);
    }

    private Parcels.Parcel visible(UUID id, Caller caller) {
        return parcels.find(id)
                .filter(p -> p.shopperId().equals(caller.subject()) || caller.has(Role.OPERATOR))
                .orElseThrow(() -> ApiProblem.notFound("No parcel " + id));
    }

    private ParcelView view(Parcels.Parcel p) {
        return new ParcelView(p.id(), p.orderId(), p.route().name(), p.origin(), p.carrier(), p.state().name(), p.city(),
                p.province(), p.createdAt(), p.promisedBy(), parcels.lines(p.id()), parcels.timeline(p.id()));
    }
}
