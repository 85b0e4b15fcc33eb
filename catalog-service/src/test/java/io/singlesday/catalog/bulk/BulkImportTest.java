package io.singlesday.catalog.bulk;

import io.singlesday.catalog.CatalogIntegrationTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static io.singlesday.testsupport.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class BulkImportTest extends CatalogIntegrationTest {

    @Test
    void aFileWithBadRowsImportsNothingUnlessPartialIsAsked() throws Exception {
        OpenBrand brand = openBrand("DE");
        String p = UUID.randomUUID().toString().substring(0, 6);
        String file = """
                productRef,title,description,categoryId,skuCode,skuLabel,priceFen,stock
                A,Wool coat,Merino,102,%1$s-COAT-S,S,129900,40
                A,Wool coat,Merino,102,%1$s-COAT-M,M,129900,60
                B,Scarf,,104,%1$s-SCARF,one size,-100,10
                C,Gloves,,104,%1$s-GLOVES,one size,abc,10
                D,Hat,,99999,%1$s-HAT,one size,9900,10
                E,Beanie,,104,%1$s-COAT-S,one size,9900,10
                F,Socks,,104,%1$s-SOCKS,pair,1900,500
                """.formatted(p);

        HttpResponse<String> strict = upload(brand.token(), "text/csv", file, false);
        assertProblem(strict, 422);
        assertThat(strict.body()).contains("\"line\":4").contains("priceFen")
                .contains("\"line\":5").contains("whole numbers")
                .contains("\"line\":6").contains("unknown category 99999")
                .contains("\"line\":7").contains("already used on line 2");
        assertThat(call("GET", "/api/catalog/brand/products", brand.token(), null).body()).contains("\"items\":[]");

        HttpResponse<String> partial = upload(brand.token(), "text/csv", file, true);
        assertThat(partial.statusCode()).as(partial.body()).isEqualTo(200);
        assertThat(partial.body()).contains("\"imported\":2").contains("\"rejected\":4");
        String mine = call("GET", "/api/catalog/brand/products", brand.token(), null).body();
        assertThat(mine).contains("Wool coat").contains("Socks").doesNotContain("Scarf").doesNotContain("Beanie");
        assertThat(mine.split("\"title\"").length - 1).isEqualTo(2);
    }

    @Test
    void jsonLinesWorkTooAndBrokenLinesAreNamed() throws Exception {
        OpenBrand brand = openBrand("JP");
        String p = UUID.randomUUID().toString().substring(0, 6);
        String lines = """
                {"title":"Matcha 100 g","categoryId":704,"skus":[{"code":"%1$s-MATCHA","priceFen":6800,"stock":300}]}
                {"title":"Sencha 100 g","categoryId":704,"skus":[{"code":"%1$s-SENCHA","priceFen":4800,"stock":300}]}
                {"title": broken
                """.formatted(p);
        HttpResponse<String> strict = upload(brand.token(), "application/x-ndjson", lines, false);
        assertProblem(strict, 422);
        assertThat(strict.body()).contains("\"line\":3").contains("unreadable JSON");
        HttpResponse<String> partial = upload(brand.token(), "application/x-ndjson", lines, true);
        assertThat(partial.body()).contains("\"imported\":2");
    }

    @Test
    void oversizedAndEmptyUploadsAreRefused() throws Exception {
        OpenBrand brand = openBrand("US");
        assertProblem(upload(brand.token(), "text/csv", "x".repeat(BulkImportController.MAX_BYTES + 10), false), 413);
        assertProblem(upload(brand.token(), "text/csv", "productRef,title,description,categoryId,skuCode,skuLabel,priceFen,stock\n", false), 400);
        assertProblem(upload(brand.token(), "application/pdf", "%PDF", false), 415);
    }

    private HttpResponse<String> upload(String token, String type, String body, boolean partial) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/catalog/brand/products/import?partial=" + partial))
                .header("Authorization", "Bearer " + token).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
