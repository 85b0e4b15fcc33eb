package io.singlesday.catalog.product;

import io.singlesday.catalog.CatalogIntegrationTest;
import io.singlesday.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.UUID;

import static io.singlesday.testsupport.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class CatalogApiTest extends CatalogIntegrationTest {

    @Test
    void shoppersBrowseSearchAndPageWithoutSigningIn() throws Exception {
        OpenBrand brand = openBrand("DE");
        String word = "zauber" + UUID.randomUUID().toString().substring(0, 6);
        UUID[] cream = product(brand, "Alpine " + word + " face cream", 19_900, 100, 301);
        product(brand, "Alpine " + word + " night serum", 29_900, 0, 301);
        product(brand, "Sports bottle", 4_900, 20, 901);

        HttpResponse<String> found = call("GET", "/api/catalog/products?q=" + word, null, null);
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains("face cream").contains("night serum").doesNotContain("Sports bottle");

        HttpResponse<String> byBrandAndPrice = call("GET", "/api/catalog/products?brand=" + brand.id()
                + "&minPriceFen=10000&maxPriceFen=20000", null, null);
        assertThat(byBrandAndPrice.body()).contains("face cream").doesNotContain("night serum").doesNotContain("Sports bottle");
        assertThat(call("GET", "/api/catalog/products?category=3&brand=" + brand.id(), null, null).body())
                .as("a parent category includes its children").contains("face cream").doesNotContain("Sports bottle");

        HttpResponse<String> first = call("GET", "/api/catalog/products?brand=" + brand.id() + "&limit=2", null, null);
        String next = field(first.body(), "next");
        HttpResponse<String> second = call("GET", "/api/catalog/products?brand=" + brand.id() + "&limit=2&after=" + next, null, null);
        assertThat(second.body()).contains("\"next\":null");
        assertThat(countItems(first.body()) + countItems(second.body())).isEqualTo(3);

        HttpResponse<String> detail = call("GET", "/api/catalog/products/" + cream[0], null, null);
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(detail.body()).contains("\"status\":\"IN_STOCK\"").contains("\"minor\":19900").contains("\"currency\":\"CNY\"")
                .contains("\"originCountry\":\"DE\"").contains("\"crossBorder\":true");
        assertThat(call("GET", "/api/catalog/categories", null, null).body()).contains("Skin care");
    }

    @Test
    void aBrandManagesItsStoreAndNeverAnotherBrandsData() throws Exception {
        OpenBrand mine = openBrand("DE");
        OpenBrand theirs = openBrand("JP");
        UUID[] product = product(mine, "Black Forest cake", 8_800, 10, 702);

        assertThat(call("PUT", "/api/catalog/brand/skus/" + product[1] + "/price", mine.token(), "{\"priceFen\":7700}").statusCode())
                .isEqualTo(200);
        assertThat(call("GET", "/api/catalog/products/" + product[0], null, null).body()).contains("\"minor\":7700");
        assertThat(call("PUT", "/api/catalog/brand/skus/" + product[1] + "/stock", mine.token(), "{\"stock\":0}").body())
                .contains("\"available\":0");
        assertThat(call("GET", "/api/catalog/products/" + product[0], null, null).body()).contains("SOLD_OUT");

        HttpResponse<String> renamed = call("PUT", "/api/catalog/brand/products/" + product[0], mine.token(),
                "{\"title\":\"Black Forest gateau\",\"description\":\"with cherries\",\"categoryId\":702}");
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat(call("GET", "/api/catalog/products/" + product[0], null, null).body()).contains("Black Forest gateau");
        assertProblem(call("PUT", "/api/catalog/brand/products/" + product[0], mine.token(),
                "{\"title\":\"x\",\"categoryId\":424242}"), 422);

        // Another brand: not found, whatever it tries.
        assertProblem(call("PUT", "/api/catalog/brand/products/" + product[0], theirs.token(),
                "{\"title\":\"Stolen\",\"categoryId\":702}"), 404);
        assertProblem(call("GET", "/api/catalog/brand/products/" + product[0], theirs.token(), null), 404);
        assertProblem(call("PUT", "/api/catalog/brand/skus/" + product[1] + "/price", theirs.token(), "{\"priceFen\":1}"), 404);
        assertProblem(call("PUT", "/api/catalog/brand/skus/" + product[1] + "/stock", theirs.token(), "{\"stock\":999}"), 404);
        assertProblem(call("POST", "/api/catalog/brand/products/" + product[0] + "/unlist", theirs.token(), null), 404);
        assertThat(call("GET", "/api/catalog/brand/products", theirs.token(), null).body()).doesNotContain(product[0].toString());
        assertThat(call("GET", "/api/catalog/products/" + product[0], null, null).body()).contains("\"minor\":7700");

        // A shopper or a token without a brand is no brand at all.
        assertProblem(call("GET", "/api/catalog/brand/products", Tokens.shopper("eve"), null), 403);

        assertThat(call("POST", "/api/catalog/brand/products/" + product[0] + "/unlist", mine.token(), null).statusCode()).isEqualTo(204);
        assertProblem(call("GET", "/api/catalog/products/" + product[0], null, null), 404);
        assertThat(call("GET", "/api/catalog/brand/products/" + product[0], mine.token(), null).body()).contains("\"listed\":false");
    }

    @Test
    void badProductsAreProblemsAndNothingIsWritten() throws Exception {
        OpenBrand brand = openBrand("KR");
        String code = "DUP-" + UUID.randomUUID().toString().substring(0, 8);
        String template = """
                {"title":"%s","categoryId":%d,"skus":[{"code":"%s","priceFen":%d,"stock":%d}]}""";
        HttpResponse<String> negativePrice = call("POST", "/api/catalog/brand/products", brand.token(),
                template.formatted("Lip tint", 302, code, -5, 10));
        assertProblem(negativePrice, 400);
        assertThat(negativePrice.body()).contains("skus[0].priceFen");
        assertProblem(call("POST", "/api/catalog/brand/products", brand.token(), template.formatted("Lip tint", 302, code, 500, -1)), 400);
        assertProblem(call("POST", "/api/catalog/brand/products", brand.token(), template.formatted("Lip tint", 99999, code, 500, 1)), 422);
        assertProblem(call("POST", "/api/catalog/brand/products", brand.token(), "{\"title\":\"x\",\"categoryId\":\"abc\"}"), 400);
        assertProblem(call("POST", "/api/catalog/brand/products", brand.token(), "{\"title\":"), 400);
        assertProblem(call("POST", "/api/catalog/brand/products", brand.token(), """
                {"title":"Twins","categoryId":302,"skus":[{"code":"%s","priceFen":1,"stock":1},{"code":"%s","priceFen":1,"stock":1}]}"""
                .formatted(code, code)), 409);
        assertThat(call("GET", "/api/catalog/brand/products", brand.token(), null).body()).contains("\"items\":[]");

        assertThat(call("POST", "/api/catalog/brand/products", brand.token(), template.formatted("Lip tint", 302, code, 500, 1))
                .statusCode()).isEqualTo(201);
        assertProblem(call("POST", "/api/catalog/brand/products", brand.token(), template.formatted("Other", 302, code, 500, 1)), 409);
        assertProblem(call("GET", "/api/catalog/products?limit=0", null, null), 400);
        assertProblem(call("GET", "/api/catalog/products?minPriceFen=500&maxPriceFen=100", null, null), 400);
        assertProblem(call("GET", "/api/catalog/products?after=not-a-uuid", null, null), 400);
        HttpResponse<String> nul = call("GET", "/api/catalog/products?q=%00", null, null);
        assertProblem(nul, 400);
        assertThat(nul.body()).contains("'q'").contains("control characters");
        HttpResponse<String> nullSku = call("POST", "/api/catalog/brand/products", brand.token(),
                "{\"title\":\"Lip tint\",\"categoryId\":302,\"skus\":[null]}");
        assertProblem(nullSku, 400);
        assertThat(nullSku.body()).contains("skus[0]").contains("must not be null");
        HttpResponse<String> nulTitle = call("POST", "/api/catalog/brand/products", brand.token(),
                template.formatted("Lip\\u0000tint", 302, "NUL-" + code, 500, 1));
        assertProblem(nulTitle, 400);
        assertThat(nulTitle.body()).contains("title");
    }

    @Test
    void anOperatorClosesAStoreAndItsProductsStopSelling() throws Exception {
        OpenBrand brand = openBrand("AU");
        UUID[] product = product(brand, "Manuka honey 250 g", 25_900, 100, 801);
        String storeId = field(call("GET", "/api/catalog/products/" + product[0], null, null).body(), "storeId");
        assertProblem(call("POST", "/api/catalog/stores/" + storeId + "/close", brand.token(), "{\"reason\":\"x\"}"), 403);
        HttpResponse<String> closed = call("POST", "/api/catalog/stores/" + storeId + "/close", operator,
                "{\"reason\":\"counterfeit reports\"}");
        assertThat(closed.body()).contains("\"productsUnlisted\":1");
        assertProblem(call("GET", "/api/catalog/products/" + product[0], null, null), 404);
        assertProblem(call("POST", "/api/catalog/stores/" + storeId + "/close", operator, "{\"reason\":\"again\"}"), 404);
        assertProblem(call("POST", "/api/catalog/brand/products", brand.token(), """
                {"title":"More honey","categoryId":801,"skus":[{"code":"HONEY-%s","priceFen":100,"stock":1}]}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8))), 409);
    }

    @Test
    void aRetriedProductCreationWithTheSameIdempotencyKeyCreatesOneProduct() throws Exception {
        OpenBrand brand = openBrand("NZ");
        String body = """
                {"title":"Kiwi lip balm","categoryId":301,"skus":[{"code":"KIWI-%s","priceFen":3900,"stock":80}]}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8));
        var key = java.util.Map.of("Idempotency-Key", UUID.randomUUID().toString());
        String base = "http://127.0.0.1:" + port;
        HttpResponse<String> first = io.singlesday.testsupport.Http.send(base, "POST", "/api/catalog/brand/products", brand.token(), body, key);
        HttpResponse<String> again = io.singlesday.testsupport.Http.send(base, "POST", "/api/catalog/brand/products", brand.token(), body, key);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).as("the retry gets the first answer, not a duplicate-code conflict").isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(countItems(call("GET", "/api/catalog/brand/products", brand.token(), null).body())).isEqualTo(1);
    }

    private static int countItems(String page) {
        return page.split("\"title\"").length - 1;
    }
}
