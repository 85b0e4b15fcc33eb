package io.singlesday.catalog;

import io.singlesday.testsupport.Http;
import io.singlesday.testsupport.Tokens;
import io.singlesday.testsupport.WithRealEngines;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Shares one application context (and the real engines) with every catalog test of the same shape. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealEngines(database = "catalog")
public abstract class CatalogIntegrationTest {

    @LocalServerPort
    protected int port;

    protected final String operator = Tokens.operator("ops-" + UUID.randomUUID());

    protected HttpResponse<String> call(String method, String path, String token, String json) throws Exception {
        return Http.send("http://127.0.0.1:" + port, method, path, token, json);
    }

    protected static String field(String json, String name) {
        var matcher = java.util.regex.Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(json);
        assertThat(matcher.find()).as(name + " in " + json).isTrue();
        return matcher.group(1);
    }

    /** A brand taken through the whole onboarding, with its store open; returns its id and a token acting for it. */
    protected OpenBrand openBrand(String country) throws Exception {
        String name = "Brand " + UUID.randomUUID().toString().substring(0, 8);
        String applicant = Tokens.shopper("founder-" + UUID.randomUUID());
        HttpResponse<String> registered = call("POST", "/api/catalog/onboarding/applications", applicant, """
                {"brandName":"%s","companyName":"%s GmbH","registrationNumber":"HRB 12345","originCountry":"%s",
                 "categoryIds":[3],"contactName":"Anna Berg","contactEmail":"anna@example.com"}""".formatted(name, name, country));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String id = field(registered.body(), "id");
        assertThat(call("POST", "/api/catalog/onboarding/applications/" + id + "/review", operator, null).statusCode()).isEqualTo(200);
        HttpResponse<String> approved = call("POST", "/api/catalog/onboarding/applications/" + id + "/approve", operator, null);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        UUID brandId = UUID.fromString(field(approved.body(), "brandId"));
        String token = Tokens.brand("manager-" + brandId, brandId.toString());
        HttpResponse<String> opened = call("POST", "/api/catalog/brand/store", token, "{\"storeName\":\"" + name + " Official Store\"}");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        return new OpenBrand(brandId, token, name, UUID.fromString(id));
    }

    protected record OpenBrand(UUID id, String token, String name, UUID applicationId) {
    }

    /** Creates a product with one SKU through the brand API and returns {productId, skuId}. */
    protected UUID[] product(OpenBrand brand, String title, long priceFen, int stock, long category) throws Exception {
        String code = "SKU-" + UUID.randomUUID().toString().substring(0, 12);
        HttpResponse<String> created = call("POST", "/api/catalog/brand/products", brand.token(), """
                {"title":"%s","description":"festival special","categoryId":%d,
                 "skus":[{"code":"%s","label":"standard","priceFen":%d,"stock":%d}]}""".formatted(title, category, code, priceFen, stock));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        UUID productId = UUID.fromString(field(created.body(), "id"));
        String skus = created.body().substring(created.body().indexOf("\"skus\""));
        return new UUID[]{productId, UUID.fromString(field(skus, "id"))};
    }
}
