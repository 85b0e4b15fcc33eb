package io.singlesday.platform.openapi;

import io.singlesday.platform.web.ProblemType;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.web.method.HandlerMethod;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules every service's document gets so that a generated client reads well and needs nothing added by hand. */
class ClientConventionsTest {

    @Test
    void aControllersDefaultGroupIsNamedForWhatItServesAndNamedGroupsAreKept() {
        OpenAPI api = api("/api/orders/cart", PathItem.HttpMethod.GET, new Operation().operationId("cart").tags(List.of("cart-controller")));
        api.getPaths().get("/api/orders/cart").put(new Operation().operationId("putCartItem").tags(List.of("hot-sku-limit-controller")));
        api.getPaths().get("/api/orders/cart").post(new Operation().operationId("placeCheckout").tags(List.of("Festival clock")));
        api.tags(new java.util.ArrayList<>(List.of(new Tag().name("Festival clock").description("kept"))));

        ClientConventions.readableTags(api);

        assertThat(api.getPaths().get("/api/orders/cart").getGet().getTags()).containsExactly("Cart");
        assertThat(api.getPaths().get("/api/orders/cart").getPut().getTags()).containsExactly("Hot Sku Limit");
        assertThat(api.getPaths().get("/api/orders/cart").getPost().getTags()).containsExactly("Festival clock");
        assertThat(api.getTags()).extracting(Tag::getName).containsExactly("Festival clock", "Cart", "Hot Sku Limit");
        assertThat(api.getTags().get(0).getDescription()).isEqualTo("kept");
    }

    @Test
    void everyWriteTakesAnIdempotencyKeyRequiredWhereAWriteWithoutOneIsRefused() {
        OpenAPI api = api("/api/livestreams/drops/{id}/purchases", PathItem.HttpMethod.POST, operation("buyInDrop", "201"));
        api.getPaths().addPathItem("/api/livestreams/sessions/{id}/likes", new PathItem().post(operation("like", "200")));
        api.getPaths().addPathItem("/api/livestreams/leaderboard", new PathItem().get(operation("leaderboard", "200")));

        ClientConventions.idempotencyKeys(api, List.of("/api/livestreams/drops/*/purchases"));

        Parameter purchaseKey = api.getPaths().get("/api/livestreams/drops/{id}/purchases").getPost().getParameters().get(0);
        assertThat(purchaseKey.getName()).isEqualTo("Idempotency-Key");
        assertThat(purchaseKey.getIn()).isEqualTo("header");
        assertThat(purchaseKey.getRequired()).isTrue();
        assertThat(purchaseKey.getSchema().getMaxLength()).isEqualTo(200);
        Parameter likeKey = api.getPaths().get("/api/livestreams/sessions/{id}/likes").getPost().getParameters().get(0);
        assertThat(likeKey.getRequired()).isNotEqualTo(Boolean.TRUE);
        assertThat(api.getPaths().get("/api/livestreams/sessions/{id}/likes").getPost().getResponses().get("200").getHeaders())
                .containsKey("Idempotency-Replayed");
        assertThat(api.getPaths().get("/api/livestreams/leaderboard").getGet().getParameters()).isNullOrEmpty();
    }

    @Test
    void aDeclaredKeyIsNotDeclaredTwice() {
        Operation checkout = operation("placeCheckout", "202")
                .addParametersItem(new Parameter().in("header").name("Idempotency-Key").required(true).description("ours"));
        OpenAPI api = api("/api/orders", PathItem.HttpMethod.POST, checkout);

        ClientConventions.idempotencyKeys(api, List.of());

        assertThat(checkout.getParameters()).hasSize(1);
        assertThat(checkout.getParameters().get(0).getRequired()).isTrue();
        assertThat(checkout.getParameters().get(0).getDescription()).isEqualTo("ours");
    }

    @Test
    void headersGetATypeAndStreamsAreTextNotSpringsEmitter() {
        Operation stream = operation("publicStream", "200");
        stream.getResponses().get("200").content(new Content().addMediaType("text/event-stream",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/SseEmitter"))));
        stream.getResponses().get("200").addHeaderObject("Location", new Header().description("untyped"));
        OpenAPI api = api("/api/gmv/public/stream", PathItem.HttpMethod.GET, stream);
        api.components(new io.swagger.v3.oas.models.Components().addSchemas("SseEmitter", new Schema<>()));

        ClientConventions.typedHeaders(api);
        ClientConventions.eventStreams(api);

        assertThat(stream.getResponses().get("200").getHeaders().get("Location").getSchema().getType()).isEqualTo("string");
        assertThat(stream.getResponses().get("200").getContent().get("text/event-stream").getSchema().getType()).isEqualTo("string");
        assertThat(api.getComponents().getSchemas()).doesNotContainKey("SseEmitter");
    }

    @Test
    void aListPagedByKeyDocumentsItsNextPagesLink() {
        Operation orders = operation("myOrders", "200").addParametersItem(new Parameter().in("query").name("after"));
        Operation leaderboard = operation("leaderboard", "200").addParametersItem(new Parameter().in("query").name("limit"));
        OpenAPI api = api("/api/orders", PathItem.HttpMethod.GET, orders);
        api.getPaths().addPathItem("/api/livestreams/leaderboard", new PathItem().get(leaderboard));

        ClientConventions.pageLinks(api);

        assertThat(orders.getResponses().get("200").getHeaders().get("Link").getDescription()).contains("rel=\"next\"");
        assertThat(leaderboard.getResponses().get("200").getHeaders()).isNull();
    }

    @Test
    void anOperationIdSpringdocHadToNumberOrABareVerbFailsTheDocumentNamingIt() {
        OpenAPI numbered = api("/api/coupons/campaigns", PathItem.HttpMethod.GET, operation("list_1", "200"));
        assertThatThrownBy(() -> ClientConventions.refuseUnreadableOperationIds(numbered))
                .hasMessageContaining("GET /api/coupons/campaigns has operation id list_1");
        OpenAPI bare = api("/api/orders/cart/items/{skuId}", PathItem.HttpMethod.PUT, operation("put", "200"));
        assertThatThrownBy(() -> ClientConventions.refuseUnreadableOperationIds(bare)).hasMessageContaining("operation id put");

        ClientConventions.refuseUnreadableOperationIds(api("/api/orders/cart/items/{skuId}", PathItem.HttpMethod.PUT,
                operation("putCartItem", "200")));
    }

    static class Claims {
        @Refusal(status = 410, type = ProblemType.SOLD_OUT, when = "Every coupon is gone")
        @Refusal(status = 409, type = ProblemType.OVER_LIMIT, when = "The shopper holds as many as allowed")
        @Refusal(status = 409, when = "Not open now")
        public void claim() {
        }
    }

    @Test
    void anOperationsOwnRefusalsAreProblemResponsesNamingTheirType() throws Exception {
        Operation claim = operation("claimCoupon", "201");

        ClientConventions.refusals(claim, new HandlerMethod(new Claims(), Claims.class.getMethod("claim")));

        ApiResponse gone = claim.getResponses().get("410");
        assertThat(gone.getDescription()).contains("Every coupon is gone").contains("tag:singlesday.dev,2026:problem:sold-out");
        assertThat(gone.getContent().get("application/problem+json").getSchema().get$ref()).isEqualTo("#/components/schemas/Problem");
        assertThat(claim.getResponses().get("409").getDescription())
                .contains("problem:over-limit").contains("Not open now (type tag:singlesday.dev,2026:problem:conflict)");
    }

    private static Operation operation(String id, String status) {
        return new Operation().operationId(id).responses(new ApiResponses().addApiResponse(status, new ApiResponse().description("ok")));
    }

    private static OpenAPI api(String path, PathItem.HttpMethod method, Operation operation) {
        PathItem item = new PathItem();
        item.operation(method, operation);
        return new OpenAPI().paths(new Paths().addPathItem(path, item));
    }
}
