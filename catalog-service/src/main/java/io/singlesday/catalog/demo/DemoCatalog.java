package io.singlesday.catalog.demo;

import io.singlesday.catalog.product.ProductEvents;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.catalog.StoreOpened;
import io.singlesday.platform.outbox.Outbox;

/**
 * A festival catalog at any scale: brands from many countries (Germany among the cross-border ones), stores,
 * products in every leaf category with one to three SKUs, plausible prices and stock, and a few featured
 * products meant to be hot at midnight. Rows go in through COPY in chunks. The same seed gives the same names,
 * categories, prices and stock; ids are new each time, so generating again adds a second catalog beside the first.
 */
@Service
public class DemoCatalog {

    static final int CHUNK = 20_000;

    /** Origin countries with weights: mostly domestic, then the top cross-border sellers. */
    private static final String[] COUNTRIES = {"CN", "CN", "CN", "CN", "CN", "CN", "JP", "JP", "US", "US", "KR", "KR",
            "DE", "DE", "FR", "AU", "IT", "GB", "NZ", "ES", "NL", "CH", "CA", "TH"};
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ber", "zen", "ta", "vo", "ri", "shu", "na", "el",
            "dor", "fu", "sa", "ki", "lin", "ma", "ro", "xi", "an", "hei", "ya", "bo", "tu"};
    private static final String[] ADJECTIVES = {"Classic", "Premium", "Organic", "Limited", "Festival", "Midnight",
            "Silk", "Smart", "Mini", "Pro", "Gentle", "Golden", "Alpine", "Urban", "Fresh", "Double 11"};

    private final DataSource dataSource;
    private final JdbcClient sql;
    private final TransactionTemplate transactions;
    private final ProductEvents events;
    private final Clock festivalClock;
    private final Outbox outbox;

    public DemoCatalog(DataSource dataSource, JdbcClient sql, TransactionTemplate transactions, ProductEvents events,
                       Clock festivalClock, Outbox outbox) {
        this.outbox = outbox;
        this.dataSource = dataSource;
        this.sql = sql;
        this.transactions = transactions;
        this.events = events;
        this.festivalClock = festivalClock;
    }

    public record Request(int brands, int products, long seed, int featured, boolean publishEvents) {
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "DemoCatalogReport")
    public record Report(int brands, int products, int skus, long millis, long rowsPerSecond, List<UUID> featuredProductIds) {
    }

    private record Leaf(long id, long parent, String name) {
    }

    public Report generate(Request request) throws SQLException, java.io.IOException {
        long started = System.nanoTime();
        Random random = new Random(request.seed());
        List<Leaf> leaves = sql.sql("select id, parent_id, name from categories where parent_id is not null order by id")
                .query((rs, n) -> new Leaf(rs.getLong(1), rs.getLong(2), rs.getString(3))).list();
        String run = Long.toString(request.seed(), 36) + "-" + Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        Instant now = festivalClock.instant();

        UUID[] brandIds = new UUID[request.brands()];
        UUID[] storeIds = new UUID[request.brands()];
        StringBuilder brands = new StringBuilder();
        StringBuilder stores = new StringBuilder();
        for (int i = 0; i < request.brands(); i++) {
            brandIds[i] = UUID.randomUUID();
            storeIds[i] = UUID.randomUUID();
            String country = COUNTRIES[random.nextInt(COUNTRIES.length)];
            String name = brandName(random) + " " + run + "-" + i;
            brands.append(brandIds[i]).append('\t').append(name).append('\t').append(country).append('\t')
                    .append(!"CN".equals(country)).append("\t500\t").append(now).append('\n');
            stores.append(storeIds[i]).append('\t').append(brandIds[i]).append('\t').append(name).append(" Official Store")
                    .append("\tOPEN\t").append(now).append('\n');
        }
        try (Connection connection = dataSource.getConnection()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("copy brands (id, name, origin_country, cross_border, commission_bp, created_at) from stdin", new StringReader(brands.toString()));
            copy.copyIn("copy stores (id, brand_id, name, status, opened_at) from stdin", new StringReader(stores.toString()));

            List<UUID> featured = new ArrayList<>();
            int skuCount = 0;
            for (int from = 0; from < request.products(); from += CHUNK) {
                int to = Math.min(request.products(), from + CHUNK);
                StringBuilder products = new StringBuilder();
                StringBuilder skus = new StringBuilder();
                for (int i = from; i < to; i++) {
                    int b = random.nextInt(request.brands());
                    Leaf leaf = leaves.get(random.nextInt(leaves.size()));
                    UUID productId = UUID.randomUUID();
                    boolean hot = i < request.featured();
                    if (hot) {
                        featured.add(productId);
                    }
                    long basePrice = priceFor(leaf, random);
                    int variants = 1 + random.nextInt(3);
                    String title = ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " " + leaf.name().toLowerCase()
                            + " " + brandName(random);
                    products.append(productId).append('\t').append(storeIds[b]).append('\t').append(brandIds[b]).append('\t')
                            .append(leaf.id()).append('\t').append(title).append('\t')
                            .append(hot ? "Featured for 11.11 midnight" : "Festival offer").append("\ttrue\t")
                            .append(basePrice).append('\t').append(now).append('\t').append(hot).append('\n');
                    for (int v = 0; v < variants; v++) {
                        skus.append(UUID.randomUUID()).append('\t').append(productId).append('\t')
                                .append("D").append(run).append('-').append(i).append('-').append(v).append('\t')
                                .append("variant ").append(v + 1).append('\t').append(basePrice + v * 1_000L).append("\tCNY\t")
                                .append(hot ? 1_000 : random.nextInt(5_000)).append("\t0\n");
                        skuCount++;
                    }
                }
                copy.copyIn("copy products (id, store_id, brand_id, category_id, title, description, listed, min_price_fen, created_at, featured) from stdin",
                        new StringReader(products.toString()));
                copy.copyIn("copy skus (id, product_id, code, label, price_fen, currency, stock, reserved) from stdin",
                        new StringReader(skus.toString()));
            }
            if (request.publishEvents()) {
                publishListed(brandIds);
            }
            long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
            return new Report(request.brands(), request.products(), skuCount, millis,
                    (request.products() + skuCount) * 1000L / millis, featured);
        }
    }

    /**
     * Read models elsewhere learn the new stores and products the usual way, through the outbox, a chunk per
     * transaction: the stores (their names label the GMV screen's brand ranking), then the products.
     */
    private void publishListed(UUID[] brandIds) {
        for (int from = 0; from < brandIds.length; from += 200) {
            UUID[] chunk = java.util.Arrays.copyOfRange(brandIds, from, Math.min(brandIds.length, from + 200));
            transactions.executeWithoutResult(status -> {
                sql.sql("""
                        select s.id, s.brand_id, s.name, b.origin_country, b.cross_border
                        from stores s join brands b on b.id = s.brand_id where s.brand_id = any(?)""")
                        .param(chunk)
                        .query((rs, n) -> new StoreOpened(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                                rs.getString(3), rs.getString(4), rs.getBoolean(5), null))
                        .list()
                        .forEach(opened -> outbox.append(EventCatalog.STORE_OPENED, opened.brandId().toString(), opened));
                events.listed(sql.sql("select id from products where brand_id = any(?)").param(chunk).query(UUID.class).list());
            });
        }
    }

    private static String brandName(Random random) {
        String name = SYLLABLES[random.nextInt(SYLLABLES.length)] + SYLLABLES[random.nextInt(SYLLABLES.length)]
                + (random.nextBoolean() ? SYLLABLES[random.nextInt(SYLLABLES.length)] : "");
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** Prices by department, in fen: groceries cost tens of yuan, electronics thousands. */
    private static long priceFor(Leaf leaf, Random random) {
        long base = switch ((int) leaf.parent()) {
            case 5 -> 99_900;
            case 6 -> 59_900;
            case 1, 2, 10 -> 29_900;
            case 3, 4, 8, 9 -> 15_900;
            default -> 4_900;
        };
        return Math.max(100, base / 2 + (long) (random.nextDouble() * base * 1.5)) / 100 * 100 + 99;
    }
}
