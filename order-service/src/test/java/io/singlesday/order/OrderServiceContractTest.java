package io.singlesday.order;

import io.singlesday.testsupport.PlatformServiceContract;
import io.singlesday.testsupport.WithRealEngines;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@WithRealEngines(database = "orders")
class OrderServiceContractTest extends PlatformServiceContract {

    @Override
    protected String apiBase() {
        return "/api/orders";
    }

    /** Two records called Line once shared one schema, and a generated client read an order without its prices. */
    @Test
    void anOrdersLinesAndACheckoutRequestsLinesAreDocumentedApart() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs", null);
        JsonNode schemas = JsonMapper.builder().build().readTree(response.body()).at("/components/schemas");

        assertThat(schemas.at("/OrderDetail/properties/lines/items/$ref").asString()).isEqualTo("#/components/schemas/OrderLine");
        assertThat(schemas.at("/OrderLine/properties").propertyNames()).contains("title", "unitPriceFen", "quantity");
        assertThat(schemas.at("/CheckoutLine/properties").propertyNames()).contains("skuId", "quantity").doesNotContain("title");
        assertThat(schemas.has("Line")).isFalse();
    }

    @Test
    void theCheckoutDocumentsItsKeyItsWaitAndBothAnswers() throws Exception {
        JsonNode checkout = JsonMapper.builder().build().readTree(get("/v3/api-docs", null).body()).at("/paths/~1api~1orders/post");
        assertThat(checkout.path("operationId").asString()).isEqualTo("placeCheckout");
        JsonNode key = null;
        for (JsonNode parameter : checkout.path("parameters")) {
            if (parameter.path("name").asString().equals("Idempotency-Key")) {
                key = parameter;
            }
        }
        assertThat(key).as("the Idempotency-Key parameter").isNotNull();
        assertThat(key.path("in").asString()).isEqualTo("header");
        assertThat(key.path("required").asBoolean()).as("the server refuses a checkout without one").isTrue();
        assertThat(checkout.at("/responses/202/headers/Location").isMissingNode()).isFalse();
        assertThat(checkout.at("/responses/200/headers/Idempotency-Replayed").isMissingNode()).isFalse();
        assertThat(checkout.at("/responses/422/content/application~1problem+json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/Problem");
    }
}
