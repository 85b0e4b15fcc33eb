package io.singlesday.catalog.product;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.Money;
import io.singlesday.contracts.catalog.ProductUnlisted;
import io.singlesday.contracts.catalog.SkuPriceChanged;
import io.singlesday.contracts.catalog.StockLevelChanged;
import io.singlesday.platform.outbox.Outbox;
import io.singlesday.platform.web.ApiProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A brand managing its own store: every statement is scoped to the caller's brand, so another brand's
 * product or SKU is simply not found (404), never shown or changed.
 */
@Service
public class BrandCatalog {

    private final JdbcClient sql;
    private final ProductEvents events;
    private final Outbox outbox;
    private final Clock festivalClock;

    public BrandCatalog(JdbcClient sql, ProductEvents events, Outbox outbox, Clock festivalClock) {
        this.sql = sql;
        this.events = events;
        this.outbox = outbox;
        this.festivalClock = festivalClock;
    }

    public record NewSku(String code, String label, long priceFen, int stock) {
    }

    public record NewProduct(String title, String description, long categoryId, List<NewSku> skus) {
    }

    @Transactional
    public UUID create(UUID brandId, NewProduct product) {
        List<UUID> created = createAll(brandId, List.of(product));
        return created.getFirst();
    }

    /** Creates every product or none; the caller decides what a failure means for the rest of a batch. */
    @Transactional
    public List<UUID> createAll(UUID brandId, List<NewProduct> products) {
        UUID storeId = openStoreOf(brandId);
        Set<String> codes = new HashSet<>();
        for (NewProduct product : products) {
            check(product);
            for (NewSku sku : product.skus()) {
                if (!codes.add(sku.code())) {
                    throw ApiProblem.conflict("SKU code '" + sku.code() + "' appears twice");
                }
            }
        }
        List<String> taken = sql.sql("select code from skus where code = any(?)").param(codes.toArray(String[]::new))
                .query(String.class).list();
        if (!taken.isEmpty()) {
            throw ApiProblem.conflict("SKU code(s) already in the catalog: " + String.join(", ", taken));
        }
        List<UUID> ids = new java.util.ArrayList<>();
        for (NewProduct product : products) {
            UUID productId = UUID.randomUUID();
            long minPrice = product.skus().stream().mapToLong(NewSku::priceFen).min().orElseThrow();
            sql.sql("""
                    insert into products (id, store_id, brand_id, category_id, title, description, min_price_fen, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(productId, storeId, brandId, product.categoryId(), product.title(),
                            product.description() == null ? "" : product.description(), minPrice,
                            java.sql.Timestamp.from(festivalClock.instant()))
                    .update();
            for (NewSku sku : product.skus()) {
                sql.sql("insert into skus (id, product_id, code, label, price_fen, stock) values (?, ?, ?, ?, ?, ?)")
                        .params(UUID.randomUUID(), productId, sku.code(), sku.label() == null ? "" : sku.label(),
                                sku.priceFen(), sku.stock())
                        .update();
            }
            ids.add(productId);
        }
        events.listed(ids);
        return ids;
    }

    /** Title, description and category; the new snapshot goes to every read model as ProductChanged. */
    @Transactional
    public void describe(UUID brandId, UUID productId, String title, String description, long categoryId) {
        Boolean known = sql.sql("select true from categories where id = ?").param(categoryId).query(Boolean.class)
                .optional().orElse(false);
        if (!known) {
            throw ApiProblem.unprocessable("Unknown category " + categoryId);
        }
        int updated = sql.sql("update products set title = ?, description = ?, category_id = ? where id = ? and brand_id = ?")
                .params(title, description == null ? "" : description, categoryId, productId, brandId).update();
        if (updated == 0) {
            throw ApiProblem.notFound("No product " + productId + " in your store");
        }
        events.changed(productId);
    }

    @Transactional
    public void changePrice(UUID brandId, UUID skuId, long priceFen) {
        if (priceFen <= 0) {
            throw ApiProblem.badRequest("'priceFen' must be positive");
        }
        var sku = ownSku(brandId, skuId);
        sql.sql("update skus set price_fen = ? where id = ?").params(priceFen, skuId).update();
        sql.sql("update products set min_price_fen = (select min(price_fen) from skus where product_id = ?) where id = ?")
                .params(sku.productId(), sku.productId()).update();
        outbox.append(EventCatalog.SKU_PRICE_CHANGED, sku.productId().toString(),
                new SkuPriceChanged(skuId, sku.productId(), Money.fen(sku.priceFen()), Money.fen(priceFen)));
    }

    @Transactional
    public int changeStock(UUID brandId, UUID skuId, int stock) {
        if (stock < 0) {
            throw ApiProblem.badRequest("'stock' must not be negative");
        }
        var sku = ownSku(brandId, skuId);
        int updated = sql.sql("update skus set stock = ? where id = ? and reserved <= ?").params(stock, skuId, stock).update();
        if (updated == 0) {
            throw ApiProblem.conflict("Checkouts hold more than " + stock + " units of this SKU; stock cannot go below what they hold");
        }
        int available = sql.sql("select stock - reserved from skus where id = ?").param(skuId).query(Integer.class).single();
        outbox.append(EventCatalog.STOCK_LEVEL_CHANGED, sku.productId().toString(),
                new StockLevelChanged(skuId, sku.productId(), available));
        return available;
    }

    @Transactional
    public void setListed(UUID brandId, UUID productId, boolean listed) {
        int updated = sql.sql("update products set listed = ? where id = ? and brand_id = ? and listed <> ?")
                .params(listed, productId, brandId, listed).update();
        if (updated == 0) {
            Boolean exists = sql.sql("select true from products where id = ? and brand_id = ?").params(productId, brandId)
                    .query(Boolean.class).optional().orElse(false);
            if (!exists) {
                throw ApiProblem.notFound("No product " + productId + " in your store");
            }
            return;
        }
        if (listed) {
            events.listed(List.of(productId));
        } else {
            outbox.append(EventCatalog.PRODUCT_UNLISTED, productId.toString(), new ProductUnlisted(productId, brandId));
        }
    }

    private record OwnSku(UUID productId, long priceFen) {
    }

    private OwnSku ownSku(UUID brandId, UUID skuId) {
        return sql.sql("""
                select s.product_id, s.price_fen from skus s join products p on p.id = s.product_id
                where s.id = ? and p.brand_id = ? for update of s""")
                .params(skuId, brandId)
                .query((rs, n) -> new OwnSku(rs.getObject(1, UUID.class), rs.getLong(2)))
                .optional().orElseThrow(() -> ApiProblem.notFound("No SKU " + skuId + " in your store"));
    }

    private UUID openStoreOf(UUID brandId) {
        return sql.sql("select id from stores where brand_id = ? and status = 'OPEN'").param(brandId).query(UUID.class)
                .optional().orElseThrow(() -> ApiProblem.conflict("Your brand has no open store; open it first"));
    }

    private void check(NewProduct product) {
        Boolean leaf = sql.sql("select true from categories where id = ?").param(product.categoryId())
                .query(Boolean.class).optional().orElse(false);
        if (!leaf) {
            throw ApiProblem.unprocessable("Unknown category " + product.categoryId());
        }
    }
}
