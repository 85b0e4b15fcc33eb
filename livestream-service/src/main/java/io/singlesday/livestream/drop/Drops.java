package io.singlesday.livestream.drop;

import io.singlesday.livestream.session.SessionState;
import io.singlesday.livestream.session.Sessions;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.web.ApiProblem;
import io.singlesday.platform.web.ProblemType;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.singlesday.livestream.checkout.Delivery;
import io.singlesday.livestream.gala.RunningOrder;
import io.singlesday.livestream.checkout.LiveCheckouts;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.stock.HoldDropStock;
import io.singlesday.contracts.stock.StockLine;
import io.singlesday.platform.outbox.Outbox;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Drops: a SKU put on air at a special price, a quantity and a per-viewer limit, and the purchases inside them. */
@Service
public class Drops {

    public record DropRequest(@NotNull UUID skuId, @NotBlank @Size(max = 200) String title,
                              @Min(value = 1, message = "must be at least 1 fen") long priceFen,
                              @NotNull @Pattern(regexp = "CNY", message = "drops are priced in CNY") String currency,
                              @Min(1) @Max(1_000_000) int quantity, @Min(1) @Max(100) int perViewerLimit,
                              Instant opensAt, Boolean limitedEdition, @Min(1) Integer act) {

        /** Absent means an ordinary drop. */
        boolean limited() {
            return Boolean.TRUE.equals(limitedEdition);
        }
    }

    /**
     * {@code stock}: REQUESTED until the catalog has carved the units out of its stock, then HELD or REJECTED.
     * {@code act} and {@code closesAt}: for a gala drop, its act in the running order and the end of that act.
     */
    public record Drop(UUID id, UUID sessionId, UUID skuId, String title, long priceFen, String currency, int quantity,
                       int perViewerLimit, Instant opensAt, boolean limitedEdition, String stock, int granted, Integer act,
                       Instant closesAt) {

        Drop withGranted(int units) {
            return new Drop(id, sessionId, skuId, title, priceFen, currency, quantity, perViewerLimit, opensAt, limitedEdition,
                    stock, units, act, closesAt);
        }
    }

    public record PurchaseRequest(@Min(1) @Max(100) int quantity, @NotNull @Valid Delivery delivery) {
    }

    /**
     * {@code edition}: for a limited edition, this unit's number (1 to the quantity); otherwise null. {@code checkout}:
     * where the buyer follows the checkout the order service places for these units (it appears there within moments).
     */
    public record Purchase(UUID dropId, UUID sessionId, UUID skuId, int units, long priceFen, long totalFen, String currency,
                           int place, Integer edition, UUID checkoutId, String checkout) {
    }

    private final JdbcClient sql;
    private final Sessions sessions;
    private final DropAllocator allocator;
    private final LiveCheckouts checkouts;
    private final FestivalClock clock;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final Duration stockWait;
    private final Duration purchaseWait;
    private final JsonMapper json;
    private final RunningOrder runningOrder;
    private final Cache<UUID, Drop> settled = Caffeine.newBuilder().maximumSize(10_000).expireAfterAccess(Duration.ofHours(1)).build();

    public Drops(JdbcClient sql, Sessions sessions, RunningOrder runningOrder, DropAllocator allocator, LiveCheckouts checkouts,
                 FestivalClock clock, Outbox outbox, TransactionTemplate transactions, JsonMapper json,
                 @Value("${livestream.drops.stock-wait:5s}") Duration stockWait,
                 @Value("${livestream.drops.purchase-wait:4s}") Duration purchaseWait) {
        this.purchaseWait = purchaseWait;
        this.json = json;
        this.runningOrder = runningOrder;
        this.sql = sql;
        this.sessions = sessions;
        this.allocator = allocator;
        this.checkouts = checkouts;
        this.clock = clock;
        this.outbox = outbox;
        this.transactions = transactions;
        this.stockWait = stockWait;
    }

    public Drop create(UUID sessionId, DropRequest r) {
        Sessions.Session session = sessions.find(sessionId);
        if (!session.state().takesDrops()) {
            throw ApiProblem.conflict("Session " + sessionId + " has ended; it takes no more drops");
        }
        Window window = window(session, r);
        if (r.limited() && r.perViewerLimit() != 1) {
            throw ApiProblem.unprocessable("A limited edition is one per viewer: perViewerLimit must be 1, not " + r.perViewerLimit());
        }
        if (r.perViewerLimit() > r.quantity()) {
            throw ApiProblem.unprocessable("The per-viewer limit (" + r.perViewerLimit() + ") exceeds the quantity (" + r.quantity() + ")");
        }
        UUID id = UUID.randomUUID();
        transactions.executeWithoutResult(status -> {
            sql.sql("""
                    insert into drops (id, session_id, sku_id, title, price_fen, currency, quantity, per_viewer_limit, opens_at,
                                       created_at, stock_state, limited_edition, act, closes_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'REQUESTED', ?, ?, ?)""")
                    .params(id, sessionId, r.skuId(), r.title(), r.priceFen(), r.currency(), r.quantity(), r.perViewerLimit(),
                            Timestamp.from(window.opensAt()), Timestamp.from(clock.instant()), r.limited(), r.act(),
                            window.closesAt() == null ? null : Timestamp.from(window.closesAt())).update();
            // The drop's units leave the catalog's stock now, so the catalog cannot sell them twice.
            outbox.append(EventCatalog.HOLD_DROP_STOCK, id.toString(), new HoldDropStock(id, List.of(new StockLine(r.skuId(), r.quantity()))));
        });
        Drop drop = find(id);
        long deadline = System.nanoTime() + stockWait.toNanos();
        while (drop.stock().equals("REQUESTED") && System.nanoTime() < deadline) {
            pause();
            drop = find(id);
        }
        if (drop.stock().equals("REJECTED")) {
            throw ApiProblem.unprocessable("The catalog cannot hold " + r.quantity() + " units of SKU " + r.skuId() + " for this drop: "
                    + sql.sql("select stock_detail from drops where id = ?").param(id).query(String.class).single());
        }
        return drop;
    }

    private record Window(Instant opensAt, Instant closesAt) {
    }

    /**
     * When the drop sells. A gala's drops follow its running order: each belongs to an act and sells while the act
     * is on (from {@code opensAt} if given inside it, else from its start). Other drops open at {@code opensAt}.
     */
    private Window window(Sessions.Session session, DropRequest r) {
        if (session.kind() != Sessions.Kind.GALA) {
            if (r.act() != null) {
                throw ApiProblem.unprocessable("Only a gala's drops belong to acts; this session is " + session.kind());
            }
            if (r.opensAt() == null) {
                throw ApiProblem.badRequest("A drop needs opensAt: when it opens, on the festival clock");
            }
            return new Window(r.opensAt(), null);
        }
        if (r.act() == null) {
            throw ApiProblem.unprocessable("A gala drop belongs to an act of the show's running order: give its act number");
        }
        RunningOrder.Act act = runningOrder.act(session.id(), r.act()).orElseThrow(() -> ApiProblem.unprocessable(
                "The gala's running order has no act " + r.act()));
        if (!clock.instant().isBefore(act.endsAt())) {
            throw ApiProblem.unprocessable("Act " + act.position() + " (" + act.title() + ") is over; it takes no more drops");
        }
        Instant opens = r.opensAt() == null ? act.startsAt() : r.opensAt();
        if (opens.isBefore(act.startsAt()) || !opens.isBefore(act.endsAt())) {
            throw ApiProblem.unprocessable("Act " + act.position() + " (" + act.title() + ") is on from " + act.startsAt()
                    + " to " + act.endsAt() + "; its drop cannot open at " + opens);
        }
        return new Window(opens, act.endsAt());
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public Drop find(UUID id) {
        Drop drop = row(id);
        return drop.withGranted(allocator.granted(terms(drop)));
    }

    /**
     * The drop as a purchase needs it. Its terms never change once the catalog has answered, so a settled drop is
     * read once per instance: a crowd pressing buy costs the database nothing until someone is granted a unit.
     */
    private Drop forPurchase(UUID id) {
        Drop cached = settled.getIfPresent(id);
        if (cached != null) {
            return cached;
        }
        Drop drop = row(id);
        if (!drop.stock().equals("REQUESTED")) {
            settled.put(id, drop);
        }
        return drop;
    }

    private Drop row(UUID id) {
        return sql.sql("select * from drops where id = ?").param(id).query((rs, n) -> new Drop(rs.getObject("id", UUID.class),
                        rs.getObject("session_id", UUID.class), rs.getObject("sku_id", UUID.class), rs.getString("title"),
                        rs.getLong("price_fen"), rs.getString("currency"), rs.getInt("quantity"), rs.getInt("per_viewer_limit"),
                        rs.getTimestamp("opens_at").toInstant(), rs.getBoolean("limited_edition"), rs.getString("stock_state"), 0,
                        rs.getObject("act", Integer.class), instant(rs.getTimestamp("closes_at"))))
                .optional()
                .orElseThrow(() -> ApiProblem.notFound("No drop " + id));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** A viewer presses buy: units at the drop price, or a clear refusal; never more than the drop holds. */
    public Purchase buy(UUID dropId, String viewer, String key, int quantity, Delivery delivery) {
        Drop drop = forPurchase(dropId);
        if (allocator.knownSoldOut(terms(drop), viewer, key)) {
            throw soldOut(drop);
        }
        SessionState session = sessions.find(drop.sessionId()).state();
        if (session != SessionState.LIVE) {
            throw ApiProblem.unprocessable("The session is " + session + "; drops sell only while it is live");
        }
        if (!drop.stock().equals("HELD")) {
            throw ApiProblem.unprocessable(drop.stock().equals("REJECTED") ? "This drop was refused its stock by the catalog"
                    : "The drop's units are still being carved out of the catalog's stock; try again in a moment");
        }
        if (clock.instant().isBefore(drop.opensAt())) {
            throw ApiProblem.unprocessable("The drop opens at " + drop.opensAt() + " (festival time)");
        }
        if (drop.closesAt() != null && !clock.instant().isBefore(drop.closesAt())) {
            throw ApiProblem.unprocessable("Act " + drop.act() + " ended at " + drop.closesAt() + "; its drop sold only while it was on");
        }
        if (quantity > drop.perViewerLimit()) {
            throw ApiProblem.conflict("At most " + drop.perViewerLimit() + " per viewer in this drop");
        }
        DropAllocator.Outcome outcome;
        try {
            outcome = allocator.purchase(terms(drop), viewer, key, quantity, json.writeValueAsString(delivery))
                    .get(purchaseWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            outcome = new DropAllocator.Outcome(DropAllocator.Result.RETRY, 0, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = new DropAllocator.Outcome(DropAllocator.Result.RETRY, 0, -1);
        }
        return switch (outcome.result()) {
            // One unit per grant in a limited edition, so the grant's place in the allocation is the unit's number.
            case GRANTED -> {
                // The allocator committed the grant before answering: its checkout can leave now.
                checkouts.saleCommitted();
                UUID checkoutId = LiveCheckouts.ofGrant(dropId, outcome.seq());
                yield new Purchase(dropId, drop.sessionId(), drop.skuId(), outcome.units(), drop.priceFen(),
                        drop.priceFen() * outcome.units(), drop.currency(), outcome.seq() + 1,
                        drop.limitedEdition() ? outcome.seq() + 1 : null, checkoutId, LiveCheckouts.location(checkoutId));
            }
            case SOLD_OUT -> throw soldOut(drop);
            case OVER_LIMIT -> throw new ApiProblem(HttpStatus.CONFLICT, ProblemType.OVER_LIMIT,
                    "You already hold the " + drop.perViewerLimit() + " allowed per viewer");
            case RETRY -> {
                ApiProblem retry = new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE,
                        "The drop could not decide in time; retry with the same Idempotency-Key", Map.of("retryable", true));
                retry.getHeaders().set("Retry-After", "1");
                throw retry;
            }
        };
    }

    private static ApiProblem soldOut(Drop drop) {
        return new ApiProblem(HttpStatus.GONE, ProblemType.SOLD_OUT, "Sold out: all " + drop.quantity() + " units of this drop are gone");
    }

    private static DropAllocator.Terms terms(Drop drop) {
        return new DropAllocator.Terms(drop.id(), drop.quantity(), drop.perViewerLimit());
    }
}
