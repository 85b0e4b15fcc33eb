package io.singlesday.order.checkout;

import io.singlesday.contracts.orders.OrderCancelled.Reason;
import org.springframework.http.HttpStatus;
import io.singlesday.order.query.OrderQueries;
import io.singlesday.order.query.OrderQueries.CheckoutView;
import io.singlesday.order.saga.CheckoutOutcomes;
import io.singlesday.order.saga.CheckoutSaga;
import io.singlesday.order.saga.CheckoutState;
import io.singlesday.platform.idempotency.IdempotencyFilter;
import io.singlesday.platform.identity.Caller;
import io.singlesday.platform.web.ApiProblem;
import io.singlesday.platform.web.ProblemType;
import jakarta.validation.Valid;
import org.springframework.beans.factory.annotation.Value;
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
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RestController
@RequestMapping("/api/orders")
public class CheckoutController {

    private static final Pattern WAIT = Pattern.compile("(?:^|[,;\\s])wait=(\\d+)(?![\\w.])");
    /** Below the gateway's 35 s time limit, so a long wait ends as an answer, not as the gateway's 504. */
    static final int MAX_WAIT_SECONDS = 30;
    private static final long FIRST_SIGHT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final PlaceCheckout place;
    private final OrderQueries queries;
    private final CheckoutOutcomes outcomes;
    private final CheckoutSaga saga;
    private final long recheckNanos;

    /**
     * {@code recheck}: how often a waiting request reads the checkout again without being woken. A saga that
     * finishes here wakes its waiter at once; the re-read is only for one another instance finished, so it can be
     * rare, and under load frequent re-reads would be most of the database's work.
     */
    public CheckoutController(PlaceCheckout place, OrderQueries queries, CheckoutOutcomes outcomes, CheckoutSaga saga,
                              @Value("${order.checkout.wait-recheck:1s}") Duration recheck) {
        this.recheckNanos = recheck.toNanos();
        this.place = place;
        this.queries = queries;
        this.outcomes = outcomes;
        this.saga = saga;
    }

    /**
     * 202 and a Location while the saga runs; with {@code Prefer: wait=N}, up to N seconds for the outcome, then
     * 200 with the confirmed or cancelled checkout. A retry with the same Idempotency-Key answers the same checkout.
     */
    @PostMapping
    @PreAuthorize("hasRole('SHOPPER')")
    @io.swagger.v3.oas.annotations.Operation(operationId = "placeCheckout", summary = "Check out: place the orders and start "
            + "the saga (stock, coupons, payment); 202 while it runs, 200 with its outcome when Prefer: wait let it finish")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The outcome: CONFIRMED or CANCELLED",
            headers = {@io.swagger.v3.oas.annotations.headers.Header(name = "Location", description = "The checkout to read"),
                    @io.swagger.v3.oas.annotations.headers.Header(name = "Idempotency-Replayed",
                            description = "true when this answers an earlier request with the same key"),
                    @io.swagger.v3.oas.annotations.headers.Header(name = "Preference-Applied", description = "wait=N actually applied")})
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "202", description = "Placed; the saga is running: "
            + "read the Location (with Prefer: wait=N) for the outcome",
            headers = {@io.swagger.v3.oas.annotations.headers.Header(name = "Location", description = "The checkout to read"),
                    @io.swagger.v3.oas.annotations.headers.Header(name = "Idempotency-Replayed",
                            description = "true when this answers an earlier request with the same key")})
    public ResponseEntity<CheckoutView> checkout(
            @io.swagger.v3.oas.annotations.Parameter(required = true, description = "Any unique value, the same on every retry "
                    + "of this checkout (1 to 200 visible ASCII characters)")
            @RequestHeader(value = "Idempotency-Key", required = false) String key,
            @io.swagger.v3.oas.annotations.Parameter(description = "wait=N: hold the answer up to N seconds (at most 30) for the outcome",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(pattern = "^wait=\\d{1,2}$", example = "wait=10"))
            @RequestHeader(value = "Prefer", required = false) String prefer,
                                                 @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "midnight", summary = "Two of one SKU with a platform coupon, to Hangzhou", value = "{\"lines\":[{\"skuId\":\"0b6c1f3e-5f7a-4c1e-9d1a-2f4b8c3d9e10\",\"quantity\":2}],\"couponCodes\":[\"C-7QX2M9\"],\"channel\":\"APP\",\"device\":\"MOBILE\",\"address\":{\"recipient\":\"Carol\",\"street\":\"1 Wensan Road\",\"city\":\"Hangzhou\",\"province\":\"Zhejiang\",\"latitude\":30.27,\"longitude\":120.15}}")))
            @Valid @RequestBody CheckoutRequest request, Authentication auth)
            throws InterruptedException {
        if (!IdempotencyFilter.isValidKey(key)) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, ProblemType.IDEMPOTENCY_KEY_REQUIRED,
                    "Checkout needs an Idempotency-Key header of 1 to 200 visible ASCII characters, "
                    + "the same one on every retry");
        }
        Caller caller = Caller.of(auth);
        int seconds = waitSeconds(prefer);
        CheckoutAccepted accepted = place.place(caller.subject(), key, request, seconds > 0);
        // A checkout placed just now is known to be running: no need to read it before the wait.
        CheckoutView view = awaitOutcome(accepted.checkoutId(), seconds, caller, !accepted.replayed());
        URI location = URI.create("/api/orders/checkouts/" + accepted.checkoutId());
        ResponseEntity.BodyBuilder answer = view.isFinal() ? ResponseEntity.ok() : ResponseEntity.accepted();
        preferenceApplied(answer, prefer);
        return answer.location(location).header("Idempotency-Replayed", String.valueOf(accepted.replayed())).body(view);
    }

    @GetMapping("/checkouts/{id:[0-9a-fA-F-]{36}}")
    public ResponseEntity<CheckoutView> checkout(@PathVariable UUID id,
                                                 @RequestHeader(value = "Prefer", required = false) String prefer,
                                                 Authentication auth) throws InterruptedException {
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        preferenceApplied(answer, prefer);
        return answer.body(awaitOutcome(id, waitSeconds(prefer), Caller.of(auth), false));
    }

    /** RFC 7240: says how long the caller was actually let wait, which may be less than asked. */
    private static void preferenceApplied(ResponseEntity.BodyBuilder answer, String prefer) {
        if (prefer != null && WAIT.matcher(prefer).find()) {
            answer.header("Preference-Applied", "wait=" + waitSeconds(prefer));
        }
    }

    /** Only before payment: once the provider has been asked, the outcome is the provider's. */
    @PostMapping("/checkouts/{id:[0-9a-fA-F-]{36}}/cancel")
    @PreAuthorize("hasRole('SHOPPER')")
    public CheckoutView cancel(@PathVariable UUID id, Authentication auth) {
        Caller caller = Caller.of(auth);
        CheckoutView view = queries.checkout(id, caller);
        if (!view.isFinal()) {
            saga.cancelIfIn(id, List.of(CheckoutState.AWAITING_PARTICIPANTS), Reason.SHOPPER_CANCELLED, "cancelled by the shopper");
            view = queries.checkout(id, caller);
        }
        if (!"CANCELLED".equals(view.state())) {
            throw ApiProblem.conflict("Checkout " + id + " is " + view.state() + "; only a checkout not yet paying can be cancelled");
        }
        return view;
    }

    /** {@code placedNow}: this request has just placed the checkout and already watches its outcome. */
    private CheckoutView awaitOutcome(UUID id, int seconds, Caller caller, boolean placedNow) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        // Watched before each read, so a saga that finishes between the read and the wait still wakes this request
        // at once instead of at the next re-read.
        try {
            CompletableFuture<Void> woken = seconds > 0 ? outcomes.watch(id) : null;
            CheckoutView view = placedNow && seconds > 0 ? null : firstSight(id, caller, deadline);
            while ((view == null || !view.isFinal()) && System.nanoTime() < deadline) {
                try {
                    long slice = Math.min(recheckNanos, deadline - System.nanoTime());
                    woken.get(Math.max(slice, 1), TimeUnit.NANOSECONDS);
                } catch (TimeoutException | ExecutionException stillRunning) {
                    // Look again: another instance may have finished it.
                }
                woken = outcomes.watch(id);
                view = queries.checkout(id, caller);
            }
            return view != null ? view : queries.checkout(id, caller);
        } finally {
            if (seconds > 0) {
                outcomes.forget(id);
            }
        }
    }

    /**
     * A checkout placed for the shopper by another service (a livestream purchase) is known to the buyer a moment
     * before the command reaches this service, so a waiting caller also waits for it to appear.
     */
    private CheckoutView firstSight(UUID id, Caller caller, long waitDeadline) throws InterruptedException {
        // That moment is usually well under a second. Looking less and less often, and for at most a bounded time, keeps
        // a wait for an id that never comes from costing hundreds of reads.
        long deadline = Math.min(waitDeadline, System.nanoTime() + FIRST_SIGHT_NANOS);
        long pause = 100;
        while (true) {
            try {
                return queries.checkout(id, caller);
            } catch (ApiProblem notYet) {
                if (notYet.getStatusCode().value() != 404 || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) > deadline) {
                    throw notYet;
                }
                Thread.sleep(pause);
                pause = Math.min(pause * 2, 1_000);
            }
        }
    }

    static int waitSeconds(String prefer) {
        if (prefer == null) {
            return 0;
        }
        Matcher m = WAIT.matcher(prefer);
        if (!m.find()) {
            return 0;
        }
        String digits = m.group(1);
        return digits.length() > 4 ? MAX_WAIT_SECONDS : Math.min(Integer.parseInt(digits), MAX_WAIT_SECONDS);
    }
}
