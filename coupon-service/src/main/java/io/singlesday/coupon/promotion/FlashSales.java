package io.singlesday.coupon.promotion;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.Money;
import io.singlesday.contracts.promotions.FlashSaleScheduled;
import io.singlesday.contracts.promotions.FlashSaleWithdrawn;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.outbox.Outbox;
import io.singlesday.platform.web.ApiProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The flash sales of the day, scheduled by operators and published for checkout to price from its own read model.
 * Mystery prices, bundles and brand-run sales come with the rest of the promotions (issue #5).
 */
@Service
public class FlashSales {

    private final JdbcClient sql;
    private final Outbox outbox;
    private final FestivalClock clock;

    public FlashSales(JdbcClient sql, Outbox outbox, FestivalClock clock) {
        this.sql = sql;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** As shoppers see it: a mystery price shows only {@code displayPrice}, with digits masked, until its reveal. */
    public record FlashSale(UUID id, String kind, String title, List<UUID> skuIds, List<Long> categoryIds,
                            List<UUID> brandIds, List<String> provinces, Long priceFen, Integer percentOff,
                            String displayPrice, Instant startsAt, Instant endsAt, Instant revealAt, boolean withdrawn) {
    }

    @Transactional
    public FlashSale schedule(FlashSaleRequest r, String operator) {
        if ((r.priceFen() == null) == (r.percentOff() == null)) {
            throw ApiProblem.badRequest("Give exactly one of priceFen and percentOff");
        }
        if (r.skuIds().isEmpty() && r.categoryIds().isEmpty() && r.brandIds().isEmpty()) {
            throw ApiProblem.badRequest("Target at least one SKU, category or brand");
        }
        if (!r.startsAt().isBefore(r.endsAt())) {
            throw ApiProblem.badRequest("startsAt must be before endsAt");
        }
        if (r.kind() == FlashSaleRequest.Kind.MYSTERY_PRICE && (r.priceFen() == null || r.revealAt() == null)) {
            throw ApiProblem.badRequest("A mystery price needs a priceFen and a revealAt");
        }
        if (r.kind() == FlashSaleRequest.Kind.N_FOR_N) {
            java.time.Duration length = java.time.Duration.between(r.startsAt(), r.endsAt());
            if (length.toMinutesPart() != 0 || length.toSecondsPart() != 0 || length.toHours() != r.skuIds().size()) {
                throw ApiProblem.badRequest("N products for N hours: " + r.skuIds().size() + " SKUs need a sale of exactly "
                        + r.skuIds().size() + " hours, not " + length);
            }
        }
        UUID id = UUID.randomUUID();
        sql.sql("""
                insert into flash_sales (id, kind, title, sku_ids, category_ids, brand_ids, provinces, price_fen, percent_off,
                                         starts_at, ends_at, reveal_at, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, r.kind().name(), r.title(), r.skuIds().toArray(UUID[]::new), r.categoryIds().toArray(Long[]::new),
                        r.brandIds().toArray(UUID[]::new), r.provinces().toArray(String[]::new), r.priceFen(),
                        r.percentOff(), Timestamp.from(r.startsAt()), Timestamp.from(r.endsAt()),
                        r.revealAt() == null ? null : Timestamp.from(r.revealAt()), operator)
                .update();
        outbox.append(EventCatalog.FLASH_SALE_SCHEDULED, id.toString(), new FlashSaleScheduled(id, r.title(), r.skuIds(),
                r.categoryIds(), r.brandIds(), r.provinces(), r.priceFen() == null ? null : Money.fen(r.priceFen()),
                r.percentOff(), r.startsAt(), r.endsAt()));
        return find(id);
    }

    @Transactional
    public FlashSale withdraw(UUID id, String reason) {
        FlashSale sale = find(id);
        if (!sale.withdrawn()) {
            sql.sql("update flash_sales set withdrawn = true where id = ?").param(id).update();
            outbox.append(EventCatalog.FLASH_SALE_WITHDRAWN, id.toString(), new FlashSaleWithdrawn(id, reason));
        }
        return find(id);
    }

    public FlashSale find(UUID id) {
        return query("where id = ?", id).stream().findFirst().orElseThrow(() -> ApiProblem.notFound("No flash sale " + id));
    }

    /** Live now on the festival clock, or everything not yet over (what is live, and what starts next). */
    public List<FlashSale> list(boolean liveOnly) {
        Instant festivalNow = clock.instant();
        Timestamp now = Timestamp.from(festivalNow);
        List<FlashSale> sales = liveOnly ? query("where not withdrawn and starts_at <= ? and ends_at > ? order by ends_at", now, now)
                : query("where not withdrawn and ends_at > ? order by starts_at limit 500", now);
        return sales.stream().map(sale -> sale.revealAt() != null && festivalNow.isBefore(sale.revealAt())
                ? new FlashSale(sale.id(), sale.kind(), sale.title(), sale.skuIds(), sale.categoryIds(), sale.brandIds(),
                        sale.provinces(), null, null, MysteryPrice.mask(sale.priceFen()), sale.startsAt(), sale.endsAt(),
                        sale.revealAt(), sale.withdrawn())
                : sale).toList();
    }

    private List<FlashSale> query(String tail, Object... params) {
        return sql.sql("""
                select id, kind, title, sku_ids, category_ids, brand_ids, provinces, price_fen, percent_off, starts_at,
                       ends_at, reveal_at, withdrawn from flash_sales\s""" + tail)
                .params(params)
                .query((rs, n) -> {
                    Long price = (Long) rs.getObject(8);
                    Integer percent = (Integer) rs.getObject(9);
                    return new FlashSale(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            List.of((UUID[]) rs.getArray(4).getArray()), List.of((Long[]) rs.getArray(5).getArray()),
                            List.of((UUID[]) rs.getArray(6).getArray()), List.of((String[]) rs.getArray(7).getArray()),
                            price, percent, price != null ? MysteryPrice.plain(price) : percent + "% off",
                            rs.getTimestamp(10).toInstant(), rs.getTimestamp(11).toInstant(),
                            rs.getTimestamp(12) == null ? null : rs.getTimestamp(12).toInstant(), rs.getBoolean(13));
                })
                .list();
    }
}
