package io.singlesday.order.checkout;

import io.singlesday.contracts.EventCatalog;
import org.springframework.http.HttpStatus;
import io.singlesday.contracts.Money;
import io.singlesday.contracts.coupons.LockCoupons;
import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.contracts.orders.OrderConfirmed.Channel;
import io.singlesday.contracts.orders.OrderPlaced;
import io.singlesday.contracts.stock.ReserveStock;
import io.singlesday.contracts.stock.ReserveStockFromHold;
import io.singlesday.contracts.orders.PlaceLivestreamCheckout;
import io.singlesday.contracts.stock.StockLine;
import io.singlesday.order.catalog.CatalogView;
import io.singlesday.order.catalog.SkuView;
import io.singlesday.order.pricing.PricedCheckout;
import io.singlesday.order.pricing.Pricing;
import io.singlesday.order.promotion.FlashSales;
import io.singlesday.order.saga.CheckoutOutcomes;
import io.singlesday.order.saga.CheckoutState;
import io.singlesday.order.saga.OrderEvents;
import io.singlesday.order.saga.OrderState;
import io.singlesday.order.saga.SagaAdmission;
import io.singlesday.order.saga.SagaBacklog;
import io.singlesday.order.saga.SagaProperties;
import io.singlesday.order.wallet.Wallet;
import io.singlesday.order.wallet.WalletCoupon;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.outbox.Outbox;
import io.singlesday.platform.web.ApiProblem;
import io.singlesday.platform.web.ProblemType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Turns a checkout request into priced orders, one per store, and starts the saga: all in one transaction with
 * the idempotency key and the outbox, so a retry finds the checkout the first attempt made, and the saga's
 * commands exist exactly when the orders do.
 */
@Service
public class PlaceCheckout {

    private final JdbcClient sql;
    private final TransactionTemplate transactions;
    private final CatalogView catalog;
    private final Wallet wallet;
    private final Outbox outbox;
    private final OrderEvents events;
    private final FestivalClock clock;
    private final SagaProperties saga;
    private final JsonMapper json;
    private final FlashSales flashSales;
    private final SagaBacklog backlog;
    private final HotSkuLimit hotSkus;
    private final SagaAdmission admission;
    private final CheckoutOutcomes outcomes;
    /** Shopper and key of the checkouts this instance is placing right now. */
    private final Set<String> placing = ConcurrentHashMap.newKeySet();

    public PlaceCheckout(JdbcClient sql, TransactionTemplate transactions, CatalogView catalog, Wallet wallet,
                         Outbox outbox, OrderEvents events, FestivalClock clock, SagaProperties saga, JsonMapper json,
                         FlashSales flashSales, SagaBacklog backlog, HotSkuLimit hotSkus, SagaAdmission admission,
                         CheckoutOutcomes outcomes) {
        this.admission = admission;
        this.outcomes = outcomes;
        this.flashSales = flashSales;
        this.backlog = backlog;
        this.hotSkus = hotSkus;
        this.sql = sql;
        this.transactions = transactions;
        this.catalog = catalog;
        this.wallet = wallet;
        this.outbox = outbox;
        this.events = events;
        this.clock = clock;
        this.saga = saga;
        this.json = json;
    }

    /**
     * {@code watch}: the caller will wait for the outcome, so the outcome is watched before the checkout exists and
     * a saga that finishes at once cannot be missed; the caller forgets the watch when done waiting.
     */
    public CheckoutAccepted place(String shopperId, String idempotencyKey, CheckoutRequest request, boolean watch) {
        String hash = sha256(json.writeValueAsBytes(request));
        Optional<CheckoutAccepted> seen = replay(shopperId, idempotencyKey, hash);
        if (seen.isPresent()) {
            return seen.get();
        }
        // A retry of a placed checkout is always answered; only new work is turned away when sagas queue. Tries of one
        // checkout sent at once are one checkout: only the first takes a place and counts against its SKUs' limits.
        String attempt = shopperId + '\n' + idempotencyKey;
        boolean first = placing.add(attempt);
        UUID checkoutId = UUID.randomUUID();
        boolean created = false;
        try {
            if (first) {
                backlog.admitNewCheckout();
                hotSkus.admit(request.lines().stream().map(CheckoutRequest.Line::skuId).distinct().toList());
                // Before pricing, so a refusal costs no read of the catalogue or the wallet; given back unless placed.
                admission.admit(checkoutId);
            }
            try {
                checkChannel(request);
                if (watch) {
                    outcomes.watch(checkoutId);
                }
                PricedCheckout priced = Pricing.price(items(request), coupons(shopperId, request.couponCodes()));
                created = Boolean.TRUE.equals(transactions.execute(status -> insert(checkoutId, shopperId, idempotencyKey,
                        hash, request, priced, null)));
            } finally {
                if (!created) {
                    outcomes.forget(checkoutId);
                    if (first) {
                        admission.abandon(checkoutId);
                    }
                }
            }
        } finally {
            if (first) {
                placing.remove(attempt);
            }
        }
        if (created) {
            return new CheckoutAccepted(checkoutId, false);
        }
        // A concurrent retry with the same key won the insert: its checkout is the answer.
        return replay(shopperId, idempotencyKey, hash).orElseThrow();
    }

    /**
     * The checkout a livestream purchase earned, placed at the stream's price. The sender chose the checkout id and
     * the key derives from it, so a repeated command finds the checkout the first one placed. A drop's units are
     * already held by the catalog under the drop, so the order takes them from that hold instead of reserving anew.
     */
    public CheckoutAccepted placeFromLivestream(PlaceLivestreamCheckout command) {
        String key = "livestream:" + command.checkoutId();
        String hash = sha256(json.writeValueAsBytes(command));
        Optional<CheckoutAccepted> seen = sql.sql("select id from checkouts where shopper_id = ? and idempotency_key = ?")
                .params(command.shopperId(), key).query(UUID.class).optional().map(id -> new CheckoutAccepted(id, true));
        if (seen.isPresent()) {
            return seen.get();
        }
        SkuView sku = catalog.skus(Set.of(command.skuId())).get(command.skuId());
        if (sku == null) {
            // Retried by the listener, then dead-lettered: the catalog's event may simply not have arrived yet.
            throw new IllegalStateException("SKU " + command.skuId() + " of livestream checkout " + command.checkoutId()
                    + " is not in the catalog read model");
        }
        if (!sku.currency().equals(command.unitPrice().currency())) {
            throw new IllegalArgumentException("Livestream price in " + command.unitPrice().currency() + " for a SKU sold in " + sku.currency());
        }
        PricedCheckout priced = Pricing.price(List.of(new Pricing.Item(sku.at(command.unitPrice().minor()), command.quantity(),
                command.offerId())), List.of());
        PlaceLivestreamCheckout.Delivery to = command.delivery();
        CheckoutRequest request = new CheckoutRequest(List.of(new CheckoutRequest.Line(command.skuId(), command.quantity())),
                List.of(), command.channel(), command.sessionId().toString(), null, command.device(),
                new CheckoutRequest.Address(to.recipient(), to.street(), to.city(), to.province(), to.latitude(), to.longitude()),
                null, null);
        transactions.execute(status -> insert(command.checkoutId(), command.shopperId(), key, hash, request, priced,
                command.stockHold()));
        return new CheckoutAccepted(command.checkoutId(), false);
    }

    private Optional<CheckoutAccepted> replay(String shopperId, String key, String hash) {
        record Seen(UUID id, String hash) {
        }
        return sql.sql("select id, request_hash from checkouts where shopper_id = ? and idempotency_key = ?")
                .params(shopperId, key)
                .query((rs, n) -> new Seen(rs.getObject(1, UUID.class), rs.getString(2)))
                .optional()
                .map(seen -> {
                    if (!seen.hash().equals(hash)) {
                        throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemType.IDEMPOTENCY_KEY_REUSED,
                                "This Idempotency-Key was used for a different checkout");
                    }
                    return new CheckoutAccepted(seen.id(), true);
                });
    }

    private static void checkChannel(CheckoutRequest request) {
        if (request.channel() == Channel.LIVESTREAM && (request.livestreamId() == null || request.livestreamId().isBlank())) {
            throw ApiProblem.badRequest("A LIVESTREAM checkout needs the livestreamId of the session it was bought in");
        }
        if (request.channel() == Channel.POPUP_STORE && request.popupStoreId() == null) {
            throw ApiProblem.badRequest("A POPUP_STORE checkout needs the popupStoreId of the store that was scanned");
        }
    }

    private List<Pricing.Item> items(CheckoutRequest request) {
        Map<UUID, Integer> quantities = new LinkedHashMap<>();
        request.lines().forEach(line -> quantities.merge(line.skuId(), line.quantity(), Integer::sum));
        Map<UUID, SkuView> skus = catalog.skus(quantities.keySet());
        List<UUID> unknown = quantities.keySet().stream().filter(id -> !skus.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            throw ApiProblem.unprocessable("Unknown SKU(s): " + unknown);
        }
        List<UUID> unlisted = skus.values().stream().filter(s -> !s.listed()).map(SkuView::skuId).toList();
        if (!unlisted.isEmpty()) {
            throw ApiProblem.unprocessable("No longer on sale: " + unlisted);
        }
        Set<UUID> closed = skus.values().stream().filter(s -> !s.storeOpen()).map(SkuView::storeId).collect(Collectors.toSet());
        if (!closed.isEmpty()) {
            throw ApiProblem.conflict("Store(s) closed: " + closed);
        }
        Map<UUID, FlashSales.SalePrice> sales = flashSales.bestPrices(skus.values(), request.address().province(), clock.instant());
        return quantities.entrySet().stream().map(e -> {
            SkuView sku = skus.get(e.getKey());
            FlashSales.SalePrice sale = sales.get(sku.skuId());
            return sale == null ? new Pricing.Item(sku, e.getValue())
                    : new Pricing.Item(sku.at(sale.priceFen()), e.getValue(), sale.promotionId());
        }).toList();
    }

    private List<WalletCoupon> coupons(String shopperId, List<String> codes) {
        Set<String> distinct = Set.copyOf(codes);
        if (distinct.size() != codes.size()) {
            throw ApiProblem.unprocessable("A coupon code is listed twice");
        }
        List<WalletCoupon> found = wallet.find(shopperId, distinct);
        Set<String> mine = found.stream().map(WalletCoupon::code).collect(Collectors.toSet());
        List<String> missing = codes.stream().filter(c -> !mine.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw ApiProblem.unprocessable("Not in your wallet: " + missing);
        }
        Instant now = clock.instant();
        List<String> notNow = found.stream().filter(c -> !c.redeemableAt(now)).map(WalletCoupon::code).toList();
        if (!notNow.isEmpty()) {
            throw ApiProblem.unprocessable("Not redeemable at this festival time: " + notNow);
        }
        return found;
    }

    /** {@code stockHold}: the catalog hold the units come from (a livestream drop's), or null to reserve them. */
    private boolean insert(UUID checkoutId, String shopperId, String key, String hash, CheckoutRequest request,
                           PricedCheckout priced, UUID stockHold) {
        Instant now = clock.instant();
        int inserted = sql.sql("""
                insert into checkouts (id, shopper_id, idempotency_key, request_hash, state, channel, livestream_id, device,
                                       city, province, payable_fen, currency, coupon_codes, coupons_state, orders_pending,
                                       placed_at, deadline, delivery_latitude, delivery_longitude, device_fingerprint,
                                       payment_fingerprint)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now() + make_interval(secs => ?), ?, ?, ?, ?)
                on conflict (shopper_id, idempotency_key) do nothing""")
                .params(checkoutId, shopperId, key, hash, CheckoutState.AWAITING_PARTICIPANTS.name(), request.channel().name(),
                        request.livestreamId(), request.effectiveDevice().name(), request.address().city(),
                        request.address().province(), priced.payableFen(), priced.currency(),
                        priced.coupons().stream().map(PricedCheckout.AppliedCoupon::code).toArray(String[]::new),
                        priced.coupons().isEmpty() ? "NONE" : "REQUESTED", priced.orders().size(), Timestamp.from(now),
                        saga.participantTimeout().toMillis() / 1000.0, request.address().latitude(),
                        request.address().longitude(), fingerprint("device", request.deviceId()),
                        fingerprint("payment", request.paymentAccount()))
                .update();
        if (inserted == 0) {
            return false;
        }
        List<ReserveStock> reservations = new ArrayList<>();
        List<ReserveStockFromHold> fromHold = new ArrayList<>();
        List<LockCoupons.OrderAmount> amounts = new ArrayList<>();
        for (PricedCheckout.Order order : priced.orders()) {
            UUID orderId = UUID.randomUUID();
            sql.sql("""
                    insert into orders (id, checkout_id, shopper_id, store_id, brand_id, state, stock_state, list_fen,
                                        discount_fen, paid_fen, currency, placed_at)
                    values (?, ?, ?, ?, ?, ?, 'REQUESTED', ?, ?, ?, ?, ?)""")
                    .params(orderId, checkoutId, shopperId, order.storeId(), order.brandId(), OrderState.PLACED.name(),
                            order.listFen(), order.discountFen(), order.paidFen(), priced.currency(), Timestamp.from(now))
                    .update();
            int lineNo = 0;
            for (PricedCheckout.Line line : order.lines()) {
                SkuView sku = line.sku();
                sql.sql("""
                        insert into order_lines (order_id, line_no, sku_id, product_id, brand_id, category_id, origin_country,
                                                 title, quantity, unit_price_fen, list_fen, discount_fen, paid_fen,
                                                 promotion_id)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(orderId, ++lineNo, sku.skuId(), sku.productId(), sku.brandId(), sku.categoryId(),
                                sku.originCountry(), sku.title(), line.quantity(), sku.priceFen(), line.listFen(),
                                line.discountFen(), line.paidFen(), line.promotionId())
                        .update();
            }
            Map<UUID, Long> perProduct = new LinkedHashMap<>();
            order.lines().forEach(l -> perProduct.merge(l.sku().productId(), l.listFen(), Long::sum));
            amounts.add(new LockCoupons.OrderAmount(orderId, order.storeId(), new Money(order.listFen(), priced.currency()),
                    perProduct.entrySet().stream()
                            .map(e -> new LockCoupons.ProductAmount(e.getKey(), new Money(e.getValue(), priced.currency())))
                            .toList()));
            events.timeline(orderId, OrderState.PLACED, "placed in checkout " + checkoutId);
            outbox.append(EventCatalog.ORDER_PLACED, orderId.toString(),
                    placed(orderId, checkoutId, shopperId, request, order, priced.currency(), now));
            List<StockLine> units = order.lines().stream().map(l -> new StockLine(l.sku().skuId(), l.quantity())).toList();
            if (stockHold == null) {
                reservations.add(new ReserveStock(orderId, units));
            } else {
                fromHold.add(new ReserveStockFromHold(orderId, stockHold, units));
            }
        }
        reservations.forEach(r -> outbox.append(EventCatalog.RESERVE_STOCK, r.orderId().toString(), r));
        fromHold.forEach(r -> outbox.append(EventCatalog.RESERVE_STOCK_FROM_HOLD, r.orderId().toString(), r));
        if (!priced.coupons().isEmpty()) {
            outbox.append(EventCatalog.LOCK_COUPONS, checkoutId.toString(), new LockCoupons(checkoutId, shopperId,
                    priced.coupons().stream().map(PricedCheckout.AppliedCoupon::code).toList(), amounts));
        }
        return true;
    }

    /** Built from what this transaction just wrote, rather than read back: placement is the hottest path. */
    private static OrderPlaced placed(UUID orderId, UUID checkoutId, String shopperId, CheckoutRequest request,
                                      PricedCheckout.Order order, String currency, Instant now) {
        List<OrderConfirmed.Line> lines = order.lines().stream().map(l -> new OrderConfirmed.Line(l.sku().skuId(),
                l.sku().productId(), l.sku().brandId(), l.sku().categoryId(), l.sku().originCountry(), l.quantity(),
                new Money(l.listFen(), currency), new Money(l.discountFen(), currency), new Money(l.paidFen(), currency)))
                .toList();
        return new OrderPlaced(orderId, checkoutId, shopperId, order.storeId(), order.brandId(), request.channel(),
                request.livestreamId(), request.effectiveDevice(), request.address().city(), request.address().province(),
                now, new Money(order.listFen(), currency), new Money(order.discountFen(), currency),
                new Money(order.paidFen(), currency), lines);
    }

    /**
     * 16 hex digits of a salted hash: equal identifiers give equal fingerprints, and the identifier itself is not kept.
     * The kind salts it, so a device id and a payment account that happen to be equal do not look alike.
     */
    static String fingerprint(String kind, String identifier) {
        if (identifier == null || identifier.isBlank()) {
            return null;
        }
        return sha256((kind + '\n' + identifier.strip()).getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
