package io.singlesday.catalog.demo;

import io.singlesday.catalog.CatalogIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;

import static io.singlesday.testsupport.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class DemoCatalogTest extends CatalogIntegrationTest {

    @Autowired
    JdbcClient sql;

    @Test
    void generatesAFestivalCatalogThatShoppersCanBrowse() throws Exception {
        long storesAnnouncedBefore = storesAnnounced();
        int productsBefore = count("products");
        int brandsBefore = count("brands");
        HttpResponse<String> generated = call("POST", "/api/catalog/demo/generate", operator,
                "{\"brands\":60,\"products\":3000,\"seed\":7,\"featured\":5}");
        assertThat(generated.statusCode()).as(generated.body()).isEqualTo(200);
        assertThat(generated.body()).contains("\"products\":3000").contains("\"brands\":60");
        assertThat(count("products") - productsBefore).isEqualTo(3000);
        assertThat(count("brands") - brandsBefore).isEqualTo(60);
        assertThat(sql.sql("select count(*) from skus s join products p on p.id = s.product_id where p.description like 'Featured%'")
                .query(Integer.class).single()).isGreaterThanOrEqualTo(5);
        assertThat(sql.sql("select count(distinct origin_country) from brands").query(Integer.class).single()).isGreaterThan(5);
        assertThat(sql.sql("select count(*) from brands where origin_country = 'DE' and cross_border").query(Integer.class).single())
                .isPositive();
        assertThat(sql.sql("select count(*) from skus where price_fen <= 0 or stock < 0").query(Integer.class).single()).isZero();

        // Other services learn the new stores as they learn any store: StoreOpened on catalog.stores.
        long deadline = System.currentTimeMillis() + 20_000;
        while (storesAnnounced() < storesAnnouncedBefore + 60 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertThat(storesAnnounced() - storesAnnouncedBefore).isEqualTo(60);

        String featured = call("GET", "/api/catalog/products?featured=true&limit=100", null, null).body();
        assertThat(featured.split("\"title\"").length - 1).isGreaterThanOrEqualTo(5);
        assertThat(call("POST", "/api/catalog/demo/generate", operator, "{\"brands\":1,\"products\":10,\"seed\":7}").statusCode())
                .as("generating again adds beside the first catalog").isEqualTo(200);
    }

    @Test
    void onlyOperatorsGenerateAndWithinLimits() throws Exception {
        assertProblem(call("POST", "/api/catalog/demo/generate", io.singlesday.testsupport.Tokens.shopper("s"), "{}"), 403);
        assertProblem(call("POST", "/api/catalog/demo/generate", operator, "{\"products\":0}"), 400);
        assertProblem(call("POST", "/api/catalog/demo/generate", operator, "{\"brands\":300000}"), 400);
    }

    private static long storesAnnounced() {
        return io.singlesday.testsupport.TopicRecords.readAll("catalog.stores", java.time.Duration.ofSeconds(2)).stream()
                .filter(r -> new String(r.value(), java.nio.charset.StandardCharsets.UTF_8).contains("\"type\":\"StoreOpened\""))
                .count();
    }

    private int count(String table) {
        return sql.sql("select count(*) from " + table).query(Integer.class).single();
    }
}
