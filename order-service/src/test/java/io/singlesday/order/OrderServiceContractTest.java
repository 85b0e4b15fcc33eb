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
}
