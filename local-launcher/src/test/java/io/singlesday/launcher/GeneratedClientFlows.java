package io.singlesday.launcher;

import io.singlesday.client.catalog.api.BrandOnboardingApi;
import io.singlesday.client.catalog.api.BrandStoreApi;
import io.singlesday.client.catalog.api.ShoppingApi;
import io.singlesday.client.catalog.model.Application;
import io.singlesday.client.catalog.model.Detail;
import io.singlesday.client.catalog.model.OpenStoreRequest;
import io.singlesday.client.catalog.model.ProductRequest;
import io.singlesday.client.catalog.model.RegistrationRequest;
import io.singlesday.client.catalog.model.SkuRequest;
import io.singlesday.client.coupons.api.CampaignApi;
import io.singlesday.client.coupons.api.ClaimApi;
import io.singlesday.client.coupons.model.Campaign;
import io.singlesday.client.coupons.model.CampaignRequest;
import io.singlesday.client.coupons.model.WalletCoupon;
import io.singlesday.client.gmv.api.GmvApi;
import io.singlesday.client.gmv.model.Snapshot;
import io.singlesday.client.livestreams.api.LivestreamApi;
import io.singlesday.client.livestreams.model.Channel;
import io.singlesday.client.livestreams.model.ChannelRequest;
import io.singlesday.client.livestreams.model.Delivery;
import io.singlesday.client.livestreams.model.Drop;
import io.singlesday.client.livestreams.model.DropRequest;
import io.singlesday.client.livestreams.model.Purchase;
import io.singlesday.client.livestreams.model.PurchaseRequest;
import io.singlesday.client.livestreams.model.Session;
import io.singlesday.client.livestreams.model.SessionRequest;
import io.singlesday.client.logistics.api.ReturnApi;
import io.singlesday.client.logistics.api.TrackingApi;
import io.singlesday.client.logistics.model.ParcelPage;
import io.singlesday.client.logistics.model.ParcelSummary;
import io.singlesday.client.logistics.model.ParcelView;
import io.singlesday.client.orders.api.CheckoutApi;
import io.singlesday.client.orders.api.FestivalClockApi;
import io.singlesday.client.orders.api.OrderApi;
import io.singlesday.client.orders.api.RefundApi;
import io.singlesday.client.orders.model.Refund;
import io.singlesday.client.orders.model.RefundRequest;
import io.singlesday.client.orders.model.RefundedLine;
import io.singlesday.client.orders.model.Address;
import io.singlesday.client.orders.model.CheckoutLine;
import io.singlesday.client.orders.model.CheckoutRequest;
import io.singlesday.client.orders.model.CheckoutView;
import io.singlesday.client.orders.model.OrderDetail;
import io.singlesday.client.orders.model.OrderLine;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's main flows as a stranger would drive them: only through the Java client openapi-generator built from
 * the documents the gateway serves (module api-client), with its models and its parameters, and no header added by
 * hand except the bearer token. A brand is onboarded and lists a product; a shopper claims a coupon, checks out with
 * {@code Prefer: wait}, reads the order with its lines and prices and tracks its parcel; a viewer buys in a live drop;
 * anyone reads the GMV summary; the shopper returns the order. Refusals arrive as the client's exception, and their problem+json body reads as the
 * generated {@code Problem} with the platform's type.
 */
final class GeneratedClientFlows {

    private static final String PROBLEM = "tag:singlesday.dev,2026:problem:";

    private final String gateway;
    /** Mints a bearer token at the gateway's development issuer from its JSON request. */
    private final Function<String, String> tokens;
    private final String run = Long.toString(System.nanoTime(), 36);

    GeneratedClientFlows(String gateway, Function<String, String> tokens) {
        this.gateway = gateway;
        this.tokens = tokens;
    }

    void run() throws Exception {
        String ops = tokens.apply("{\"subject\":\"client-ops\",\"role\":\"OPERATOR\"}");
        String shopper = tokens.apply("{\"subject\":\"client-dora-" + run + "\",\"role\":\"SHOPPER\"}");
        OffsetDateTime festivalNow = new FestivalClockApi(orders(null)).festivalClock().getFestivalTime();

        Detail product = onboardABrandThatListsAProduct(ops);
        UUID sku = product.getSkus().get(0).getId();
        String coupon = claimACoupon(ops, shopper, festivalNow);
        CheckoutView checkout = checkOut(shopper, sku, coupon);
        UUID orderId = checkout.getOrders().get(0).getId();
        readTheOrder(shopper, orderId, product);
        trackTheParcel(shopper, orderId);
        buyInALiveDrop(ops, sku, festivalNow);
        readTheGmvSummary();
        returnTheOrder(shopper, orderId);
    }

    private Detail onboardABrandThatListsAProduct(String ops) throws Exception {
        String applicant = "client-anna-" + run;
        BrandOnboardingApi asApplicant = new BrandOnboardingApi(catalog(tokens.apply(
                "{\"subject\":\"" + applicant + "\",\"role\":\"SHOPPER\"}")));
        Application application = asApplicant.register(new RegistrationRequest().brandName("Client Brand " + run)
                .companyName("Client Brand GmbH").registrationNumber("HRB " + run).originCountry("DE")
                .categoryIds(List.of(3L)).contactName("Anna").contactEmail("anna@example.com"), key());
        assertThat(application.getState()).isEqualTo(Application.StateEnum.SUBMITTED);

        BrandOnboardingApi asOperator = new BrandOnboardingApi(catalog(ops));
        asOperator.review(application.getId(), key());
        Application approved = asOperator.approve(application.getId(), key());
        assertThat(approved.getState()).isEqualTo(Application.StateEnum.APPROVED);
        assertThat(approved.getBrandId()).isNotNull();

        io.singlesday.client.catalog.ApiClient asBrand = catalog(tokens.apply("{\"subject\":\"" + applicant
                + "\",\"role\":\"BRAND\",\"brandId\":\"" + approved.getBrandId() + "\"}"));
        Application open = new BrandOnboardingApi(asBrand).openStore(new OpenStoreRequest().storeName("Client Store " + run), key());
        assertThat(open.getState()).isEqualTo(Application.StateEnum.STORE_OPEN);
        Detail product = new BrandStoreApi(asBrand).createProduct(new ProductRequest().title("Client face cream " + run)
                .categoryId(301L).skus(List.of(new SkuRequest().code("CLIENT-" + run).priceFen(19_900L).stock(50))), key());
        assertThat(product.getBrandId()).isEqualTo(approved.getBrandId());

        // Anyone may read it, without a token.
        Detail seen = new ShoppingApi(catalog(null)).product(product.getId());
        assertThat(seen.getTitle()).isEqualTo(product.getTitle());
        assertThat(seen.getSkus().get(0).getPrice().getMinor()).isEqualTo(19_900L);
        assertThat(seen.getSkus().get(0).getPrice().getCurrency()).isEqualTo("CNY");
        return product;
    }

    private String claimACoupon(String ops, String shopper, OffsetDateTime festivalNow) throws Exception {
        Campaign campaign = new CampaignApi(coupons(ops)).createCampaign(new CampaignRequest()
                .scope(CampaignRequest.ScopeEnum.PLATFORM).title("5 off, from the generated client").thresholdFen(0L)
                .discountFen(500L).stepped(false).totalStock(2).perShopper(1)
                .claimFrom(festivalNow.minusDays(1)).claimUntil(festivalNow.plusDays(30))
                .redeemFrom(festivalNow.minusDays(1)).redeemUntil(festivalNow.plusDays(30)), key());
        ClaimApi claims = new ClaimApi(coupons(shopper));
        WalletCoupon coupon = claims.claimCoupon(campaign.getId(), key());
        assertThat(coupon.getDiscountFen()).isEqualTo(500L);

        refused(() -> claims.claimCoupon(campaign.getId(), key()), 409, "over-limit");
        new ClaimApi(coupons(tokens.apply("{\"subject\":\"client-erin-" + run + "\",\"role\":\"SHOPPER\"}")))
                .claimCoupon(campaign.getId(), key());
        refused(() -> new ClaimApi(coupons(tokens.apply("{\"subject\":\"client-finn-" + run + "\",\"role\":\"SHOPPER\"}")))
                .claimCoupon(campaign.getId(), key()), 410, "sold-out");
        return coupon.getCode();
    }

    private CheckoutView checkOut(String shopper, UUID sku, String coupon) throws Exception {
        CheckoutApi checkouts = new CheckoutApi(orders(shopper));
        CheckoutRequest request = new CheckoutRequest().lines(List.of(new CheckoutLine().skuId(sku).quantity(1)))
                .couponCodes(List.of(coupon)).channel(CheckoutRequest.ChannelEnum.APP).address(new Address()
                        .recipient("Dora").street("1 Wensan Road").city("Hangzhou").province("Zhejiang")
                        .latitude(30.27).longitude(120.15));
        String key = key();
        // The order service learns a new SKU from the catalog's events; until it has, the checkout is refused (422).
        CheckoutView view = eventually(() -> {
            try {
                return checkouts.placeCheckout(key, request, "wait=20");
            } catch (io.singlesday.client.orders.ApiException e) {
                if (e.getCode() == 422 && problemType(e.getResponseBody()).equals(PROBLEM + "refused")) {
                    return null;
                }
                throw e;
            }
        }, v -> v != null, Duration.ofSeconds(60));
        assertThat(view.getState()).as(view.toString()).isEqualTo(CheckoutView.StateEnum.CONFIRMED);
        assertThat(view.getPayableFen()).isEqualTo(19_900L - 500L);
        assertThat(view.getCurrency()).isEqualTo("CNY");
        // The same key answers the same checkout.
        assertThat(checkouts.placeCheckout(key, request, null).getId()).isEqualTo(view.getId());
        return view;
    }

    private void readTheOrder(String shopper, UUID orderId, Detail product) throws Exception {
        OrderApi orders = new OrderApi(orders(shopper));
        OrderDetail order = orders.order(orderId);
        assertThat(order.getState()).isIn(OrderDetail.StateEnum.CONFIRMED, OrderDetail.StateEnum.SHIPPED,
                OrderDetail.StateEnum.DELIVERED);
        assertThat(order.getLines()).hasSize(1);
        OrderLine line = order.getLines().get(0);
        assertThat(line.getTitle()).isEqualTo(product.getTitle());
        assertThat(line.getUnitPriceFen()).isEqualTo(19_900L);
        assertThat(line.getDiscountFen()).isEqualTo(500L);
        assertThat(line.getPaidFen()).isEqualTo(19_400L);
        assertThat(order.getAmounts().getPaidFen()).isEqualTo(19_400L);
        assertThat(order.getTimeline()).isNotEmpty();
        refused(() -> orders.order(UUID.randomUUID()), 404, "not-found");
        assertThat(orders.myOrders(null, 20, null, null).getItems()).extracting(o -> o.getId()).containsExactly(orderId);
    }

    private void trackTheParcel(String shopper, UUID orderId) throws Exception {
        TrackingApi tracking = new TrackingApi(logistics(shopper));
        List<ParcelSummary> parcels = eventually(() -> tracking.myParcels(orderId, null, 10).getItems(), list -> !list.isEmpty(),
                Duration.ofSeconds(30));
        ParcelView parcel = tracking.parcel(parcels.get(0).getId());
        // The shopper's own list, a page at a time, finds it too.
        ParcelPage mine = tracking.myParcels(null, null, 1);
        assertThat(mine.getItems()).extracting(ParcelSummary::getOrderId).containsExactly(orderId);
        assertThat(mine.getNext()).isNull();
        assertThat(parcel.getOrderId()).isEqualTo(orderId);
        assertThat(parcel.getState()).isNotNull();
        assertThat(parcel.getTimeline()).isNotEmpty();
    }

    private void buyInALiveDrop(String ops, UUID sku, OffsetDateTime festivalNow) throws Exception {
        LivestreamApi asOperator = new LivestreamApi(livestreams(ops));
        Channel channel = asOperator.channel(new ChannelRequest().name("Client channel " + run).kol("Client KOL"), key());
        Session session = asOperator.schedule(channel.getId(), new SessionRequest().title("Client show " + run)
                .kind(SessionRequest.KindEnum.REGULAR).scheduledStart(festivalNow), key());
        assertThat(asOperator.start(session.getId(), key()).getState()).isEqualTo(Session.StateEnum.LIVE);
        Drop drop = asOperator.drop(session.getId(), new DropRequest().skuId(sku).title("Client drop").priceFen(9_900L)
                .currency("CNY").quantity(2).perViewerLimit(1).opensAt(festivalNow), key());
        // Its units are carved out of the catalog's stock over Kafka before it sells.
        eventually(() -> asOperator.dropView(drop.getId()), d -> "HELD".equals(d.getStock()), Duration.ofSeconds(30));

        LivestreamApi asViewer = new LivestreamApi(livestreams(tokens.apply(
                "{\"subject\":\"client-gus-" + run + "\",\"role\":\"SHOPPER\"}")));
        PurchaseRequest request = new PurchaseRequest().quantity(1).delivery(new Delivery().recipient("Gus")
                .street("2 Nanjing Road").city("Shanghai").province("Shanghai").latitude(31.23).longitude(121.47));
        Purchase purchase = asViewer.buyInDrop(drop.getId(), key(), request);
        assertThat(purchase.getUnits()).isEqualTo(1);
        assertThat(purchase.getTotalFen()).isEqualTo(9_900L);
        refused(() -> asViewer.buyInDrop(drop.getId(), key(), request), 409, "over-limit");

        CheckoutView live = new CheckoutApi(orders(tokens.apply("{\"subject\":\"client-gus-" + run
                + "\",\"role\":\"SHOPPER\"}"))).checkout(purchase.getCheckoutId(), "wait=20");
        assertThat(live.getState()).as(live.toString()).isEqualTo(CheckoutView.StateEnum.CONFIRMED);
        assertThat(live.getPayableFen()).isEqualTo(9_900L);
    }

    private void readTheGmvSummary() throws Exception {
        Snapshot summary = eventually(() -> new GmvApi(gmv()).publicSummary(), s -> s.getOrders() != null && s.getOrders() >= 2,
                Duration.ofSeconds(30));
        assertThat(summary.getGmv()).isNotNull();
        assertThat(summary.getUnits()).isGreaterThanOrEqualTo(2);
    }

    /**
     * The shopper sends the whole order back: refunded exactly what was paid, once per key; the order is REFUNDED, the
     * screen counts the refund beside its gross headline, and the parcel stays in the warehouse or comes back.
     */
    private void returnTheOrder(String shopper, UUID orderId) throws Exception {
        RefundApi refunds = new RefundApi(orders(shopper));
        String key = key();
        Refund refund = refunds.refundOrder(orderId, key, new RefundRequest().reason("changed my mind"));
        assertThat(refund.getAmountFen()).isEqualTo(19_400L);
        assertThat(refund.getLines()).extracting(RefundedLine::getQuantity).containsExactly(1);
        assertThat(refunds.refundOrder(orderId, key, new RefundRequest().reason("changed my mind")).getId()).isEqualTo(refund.getId());
        refused(() -> refunds.refundOrder(orderId, key(), new RefundRequest()), 409, "conflict");
        assertThat(new OrderApi(orders(shopper)).order(orderId).getState()).isEqualTo(OrderDetail.StateEnum.REFUNDED);
        assertThat(refunds.orderRefunds(orderId)).extracting(Refund::getId).containsExactly(refund.getId());

        Snapshot summary = eventually(() -> new GmvApi(gmv()).publicSummary(),
                s -> s.getRefunds() != null && s.getRefunds().getRefunded().getFen() >= 19_400L, Duration.ofSeconds(30));
        assertThat(summary.getRefunds().getNetGmv().getFen())
                .isEqualTo(summary.getGmv().getFen() - summary.getRefunds().getRefunded().getFen());

        TrackingApi tracking = new TrackingApi(logistics(shopper));
        ReturnApi returns = new ReturnApi(logistics(shopper));
        eventually(() -> tracking.myParcels(orderId, null, 10).getItems().get(0).getState() == ParcelSummary.StateEnum.CANCELLED
                        || !returns.orderReturns(orderId).isEmpty(), stopped -> stopped, Duration.ofSeconds(30));
    }

    // The six services' clients: each generated into its own package, all pointed at the gateway.

    private io.singlesday.client.catalog.ApiClient catalog(String token) {
        return configure(new io.singlesday.client.catalog.ApiClient(), token, io.singlesday.client.catalog.ApiClient::setHttpClientBuilder,
                io.singlesday.client.catalog.ApiClient::setRequestInterceptor, io.singlesday.client.catalog.ApiClient::updateBaseUri);
    }

    private io.singlesday.client.orders.ApiClient orders(String token) {
        return configure(new io.singlesday.client.orders.ApiClient(), token, io.singlesday.client.orders.ApiClient::setHttpClientBuilder,
                io.singlesday.client.orders.ApiClient::setRequestInterceptor, io.singlesday.client.orders.ApiClient::updateBaseUri);
    }

    private io.singlesday.client.coupons.ApiClient coupons(String token) {
        return configure(new io.singlesday.client.coupons.ApiClient(), token, io.singlesday.client.coupons.ApiClient::setHttpClientBuilder,
                io.singlesday.client.coupons.ApiClient::setRequestInterceptor, io.singlesday.client.coupons.ApiClient::updateBaseUri);
    }

    private io.singlesday.client.livestreams.ApiClient livestreams(String token) {
        return configure(new io.singlesday.client.livestreams.ApiClient(), token,
                io.singlesday.client.livestreams.ApiClient::setHttpClientBuilder,
                io.singlesday.client.livestreams.ApiClient::setRequestInterceptor, io.singlesday.client.livestreams.ApiClient::updateBaseUri);
    }

    private io.singlesday.client.logistics.ApiClient logistics(String token) {
        return configure(new io.singlesday.client.logistics.ApiClient(), token,
                io.singlesday.client.logistics.ApiClient::setHttpClientBuilder,
                io.singlesday.client.logistics.ApiClient::setRequestInterceptor, io.singlesday.client.logistics.ApiClient::updateBaseUri);
    }

    private io.singlesday.client.gmv.ApiClient gmv() {
        return configure(new io.singlesday.client.gmv.ApiClient(), null, io.singlesday.client.gmv.ApiClient::setHttpClientBuilder,
                io.singlesday.client.gmv.ApiClient::setRequestInterceptor, io.singlesday.client.gmv.ApiClient::updateBaseUri);
    }

    private interface Setter<C, V> {
        Object set(C client, V value);
    }

    private interface BaseUri<C> {
        void set(C client, String uri);
    }

    /** HTTP/1.1 as the gateway speaks it, and the caller's token: the only thing a user of the client adds. */
    private <C> C configure(C client, String token, Setter<C, HttpClient.Builder> builder,
                            Setter<C, Consumer<HttpRequest.Builder>> interceptor, BaseUri<C> base) {
        builder.set(client, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)));
        base.set(client, gateway);
        if (token != null) {
            interceptor.set(client, request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    /** The call is refused with this status, and its body reads as the generated Problem of the platform's kind. */
    private static void refused(Callable<?> call, int status, String kind) {
        try {
            Object answer = call.call();
            throw new AssertionError("expected a " + status + " " + kind + ", got " + answer);
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            int code = switch (e) {
                case io.singlesday.client.catalog.ApiException x -> x.getCode();
                case io.singlesday.client.orders.ApiException x -> x.getCode();
                case io.singlesday.client.coupons.ApiException x -> x.getCode();
                case io.singlesday.client.livestreams.ApiException x -> x.getCode();
                case io.singlesday.client.logistics.ApiException x -> x.getCode();
                case io.singlesday.client.gmv.ApiException x -> x.getCode();
                default -> throw new AssertionError("not a refusal of the generated client", e);
            };
            String body = e instanceof io.singlesday.client.orders.ApiException x ? x.getResponseBody()
                    : e instanceof io.singlesday.client.coupons.ApiException x ? x.getResponseBody()
                    : e instanceof io.singlesday.client.livestreams.ApiException x ? x.getResponseBody()
                    : e instanceof io.singlesday.client.catalog.ApiException x ? x.getResponseBody() : "";
            assertThat(code).as(body).isEqualTo(status);
            assertThat(problemType(body)).isEqualTo(PROBLEM + kind);
        }
    }

    /** A refusal's body as the client's own model. */
    private static String problemType(String body) throws RuntimeException {
        try {
            io.singlesday.client.orders.model.Problem problem = io.singlesday.client.orders.ApiClient.createDefaultObjectMapper()
                    .readValue(body, io.singlesday.client.orders.model.Problem.class);
            assertThat(problem.getStatus()).isNotNull();
            assertThat(problem.getTitle()).isNotBlank();
            return String.valueOf(problem.getType());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("not problem+json: " + body, e);
        }
    }

    private static <T> T eventually(Callable<T> call, Predicate<T> done, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        T last = call.call();
        while (!done.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            last = call.call();
        }
        assertThat(done.test(last)).as("within " + patience + ": " + last).isTrue();
        return last;
    }
}
