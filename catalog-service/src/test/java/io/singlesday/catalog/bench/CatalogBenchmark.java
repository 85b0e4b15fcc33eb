package io.singlesday.catalog.bench;

import io.singlesday.catalog.CatalogIntegrationTest;
import io.singlesday.catalog.demo.DemoCatalog;
import io.singlesday.catalog.stock.StockLedger;
import io.singlesday.contracts.stock.StockLine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #3's figures, on the real engines: generator rows per second, browse and search latency over the
 * generated catalog, and reservations per second on one hot SKU and across many, with the oversell count.
 * Not part of the test suite; run with {@code ./mvnw -pl catalog-service -Pbenchmark test} (see docs/benchmarks.md).
 */
class CatalogBenchmark extends CatalogIntegrationTest {

    @Autowired
    DemoCatalog demo;

    @Autowired
    StockLedger ledger;

    @Autowired
    JdbcClient sql;

    private final StringBuilder report = new StringBuilder();

    @Test
    void run() throws Exception {
        int products = Integer.getInteger("benchmark.products", 1_500_000);
        int brands = Math.max(10, products / 100);
        line("# Catalog benchmark (%d products, %d brands)%n", products, brands);

        DemoCatalog.Report generated = demo.generate(new DemoCatalog.Request(brands, products, 42, 20, false));
        line("| generator | %,d products + %,d SKUs in %.1f s | %,d rows/s |%n", generated.products(), generated.skus(),
                generated.millis() / 1000.0, generated.rowsPerSecond());
        sql.sql("analyze").update();

        String sampleTitleWord = "organic";
        UUID someBrand = sql.sql("select brand_id from products order by id limit 1").query(UUID.class).single();
        UUID someProduct = sql.sql("select id from products where listed order by id offset 1000 limit 1").query(UUID.class).single();
        latency("browse category (page 1)", 300, i -> "/api/catalog/products?category=" + (1 + i % 10) + "&limit=20");
        latency("browse brand", 300, i -> "/api/catalog/products?brand=" + someBrand + "&limit=20");
        latency("price range", 300, i -> "/api/catalog/products?minPriceFen=10000&maxPriceFen=20000&limit=20");
        latency("search common word", 300, i -> "/api/catalog/products?q=" + sampleTitleWord + "&limit=20");
        latency("search rare word", 300, i -> "/api/catalog/products?q=double+11+" + (i % 2 == 0 ? "laptops" : "perfume") + "&limit=20");
        latency("product detail", 300, i -> "/api/catalog/products/" + someProduct);
        deepPaging(200);

        reservations("one hot SKU", 1, 20_000);
        reservations("1,000 SKUs", 1_000, 20_000);
        Path out = Path.of("target", "catalog-benchmark.md");
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    private void latency(String name, int requests, java.util.function.IntFunction<String> path) throws Exception {
        for (int i = 0; i < 20; i++) {
            call("GET", path.apply(i), null, null);
        }
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            long t = System.nanoTime();
            HttpResponse<String> r = call("GET", path.apply(i), null, null);
            micros.add((System.nanoTime() - t) / 1_000);
            assertThat(r.statusCode()).isEqualTo(200);
        }
        Collections.sort(micros);
        line("| %s | p50 %.1f ms | p99 %.1f ms |%n", name, micros.get(micros.size() / 2) / 1000.0,
                micros.get((int) (micros.size() * 0.99)) / 1000.0);
    }

    private void deepPaging(int pages) throws Exception {
        String after = null;
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            long t = System.nanoTime();
            String body = call("GET", "/api/catalog/products?limit=100" + (after == null ? "" : "&after=" + after), null, null).body();
            micros.add((System.nanoTime() - t) / 1_000);
            after = field(body, "next");
        }
        Collections.sort(micros);
        line("| keyset pages 1-%d (100 per page) | p50 %.1f ms | p99 %.1f ms |%n", pages,
                micros.get(micros.size() / 2) / 1000.0, micros.get((int) (micros.size() * 0.99)) / 1000.0);
    }

    private void reservations(String name, int skuCount, int attempts) throws Exception {
        List<UUID> skus = sql.sql("select s.id from skus s join products p on p.id = s.product_id where p.listed order by s.id limit ?")
                .param(skuCount).query(UUID.class).list();
        sql.sql("update skus set stock = 1000000, reserved = 0 where id = any(?)").param(skus.toArray(UUID[]::new)).update();
        AtomicInteger held = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        long t = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            UUID sku = skus.get(i % skus.size());
            done.add(pool.submit(() -> {
                if (ledger.reserve(UUID.randomUUID(), List.of(new StockLine(sku, 1))) instanceof StockLedger.Held) {
                    held.incrementAndGet();
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        pool.shutdown();
        int oversold = sql.sql("select count(*) from skus where reserved > stock").query(Integer.class).single();
        int reserved = sql.sql("select coalesce(sum(reserved), 0) from skus where id = any(?)").param(skus.toArray(UUID[]::new))
                .query(Integer.class).single();
        line("| reservations, %s (16 threads, in-process ledger) | %,.0f reservations/s | held %,d = reserved %,d, oversold SKUs %d |%n",
                name, attempts / seconds, held.get(), reserved, oversold);
        assertThat(oversold).isZero();
        assertThat(reserved).isEqualTo(held.get());
    }

    private void line(String format, Object... args) {
        report.append(String.format(format, args));
    }
}
