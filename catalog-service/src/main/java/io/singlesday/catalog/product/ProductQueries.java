package io.singlesday.catalog.product;

import io.singlesday.catalog.product.ProductViews.Detail;
import io.singlesday.catalog.product.ProductViews.Page;
import io.singlesday.catalog.product.ProductViews.SkuView;
import io.singlesday.catalog.product.ProductViews.Summary;
import io.singlesday.contracts.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Browsing and search straight from SQL. Pages are keyset pages on the product id, so page 10,000 costs what
 * page 1 costs; text search is PostgreSQL full-text search over a stored, GIN-indexed tsvector.
 */
@Service
public class ProductQueries {

    private final JdbcClient sql;

    public ProductQueries(JdbcClient sql) {
        this.sql = sql;
    }

    public record Filter(Long category, UUID brand, UUID store, Long minPriceFen, Long maxPriceFen, String text,
                         boolean featuredOnly, UUID after, int limit, boolean includeUnlisted, Sort sort) {
    }

    /**
     * {@code id}: a stable order for walking the whole catalog; {@code sales}: best sellers first (units sold in the
     * recent festival days, net of returns), ties by id. A sales page continues after its last product's place at
     * the time of asking, so a product whose sales move between two pages may show twice or not at all.
     */
    public enum Sort { id, sales }

    public Page browse(Filter filter) {
        StringBuilder where = new StringBuilder(" where true");
        Map<String, Object> params = new LinkedHashMap<>();
        if (!filter.includeUnlisted()) {
            where.append(" and p.listed");
        }
        if (filter.category() != null) {
            where.append(" and p.category_id in (select id from categories where id = :category or parent_id = :category)");
            params.put("category", filter.category());
        }
        if (filter.brand() != null) {
            where.append(" and p.brand_id = :brand");
            params.put("brand", filter.brand());
        }
        if (filter.store() != null) {
            where.append(" and p.store_id = :store");
            params.put("store", filter.store());
        }
        if (filter.minPriceFen() != null) {
            where.append(" and p.min_price_fen >= :minPrice");
            params.put("minPrice", filter.minPriceFen());
        }
        if (filter.maxPriceFen() != null) {
            where.append(" and p.min_price_fen <= :maxPrice");
            params.put("maxPrice", filter.maxPriceFen());
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            where.append(" and p.search @@ websearch_to_tsquery('simple', :text)");
            params.put("text", filter.text());
        }
        if (filter.featuredOnly()) {
            where.append(" and p.featured");
        }
        boolean bySales = filter.sort() == Sort.sales;
        if (filter.after() != null) {
            where.append(bySales
                    ? " and (p.sold_recent < (select sold_recent from products where id = :after)"
                      + " or (p.sold_recent = (select sold_recent from products where id = :after) and p.id > :after))"
                    : " and p.id > :after");
            params.put("after", filter.after());
        }
        params.put("limit", filter.limit() + 1);
        List<Summary> rows = sql.sql("""
                select p.id, p.title, p.brand_id, b.name, p.store_id, p.category_id, p.min_price_fen,
                       b.origin_country, b.cross_border, p.sold_recent
                from products p join brands b on b.id = p.brand_id""" + where
                + (bySales ? " order by p.sold_recent desc, p.id" : " order by p.id") + " limit :limit")
                .params(params)
                .query((rs, n) -> new Summary(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                        rs.getString(4), rs.getObject(5, UUID.class), rs.getLong(6), Money.fen(rs.getLong(7)),
                        rs.getString(8), rs.getBoolean(9), rs.getLong(10)))
                .list();
        boolean more = rows.size() > filter.limit();
        List<Summary> page = more ? rows.subList(0, filter.limit()) : rows;
        return new Page(List.copyOf(page), more ? page.getLast().id() : null);
    }

    public Optional<Detail> detail(UUID productId, UUID onlyBrand, boolean includeUnlisted) {
        List<SkuView> skus = new ArrayList<>();
        sql.sql("select id, code, label, price_fen, currency, stock - reserved from skus where product_id = ? order by code")
                .param(productId)
                .query(rs -> {
                    skus.add(SkuView.of(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getString(5).trim(), rs.getInt(6)));
                });
        return sql.sql("""
                select p.id, p.title, p.description, p.brand_id, b.name, p.store_id, p.category_id, c.name,
                       b.origin_country, b.cross_border, p.listed
                from products p join brands b on b.id = p.brand_id join categories c on c.id = p.category_id
                where p.id = :id and (p.listed or :unlisted) and (cast(:brand as uuid) is null or p.brand_id = :brand)""")
                .param("id", productId).param("unlisted", includeUnlisted).param("brand", onlyBrand)
                .query((rs, n) -> new Detail(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getObject(4, UUID.class), rs.getString(5), rs.getObject(6, UUID.class), rs.getLong(7),
                        rs.getString(8), rs.getString(9), rs.getBoolean(10), rs.getBoolean(11), List.copyOf(skus)))
                .optional();
    }
}
