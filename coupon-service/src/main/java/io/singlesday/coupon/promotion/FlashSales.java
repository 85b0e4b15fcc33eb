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

    public record FlashSale(UUID id, String title, List<UUID> skuIds, List<Long> categoryIds, List<UUID> brandIds,
                            List<String> provinces, Long priceFen, Integer percentOff, Instant startsAt, Instant endsAt,
                            boolean withdrawn) {
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
        UUID id = UUID.randomUUID();
        sql.sql("""
                insert into flash_sales (id, title, sku_ids, category_ids, brand_ids, provinces, price_fen, percent_off,
                                         starts_at, ends_at, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, r.title(), r.skuIds().toArray(UUID[]::new), r.categoryIds().toArray(Long[]::new),
                        r.brandIds().toArray(UUID[]::new), r.provinces().toArray(String[]::new), r.priceFen(),
                        r.percentOff(), Timestamp.from(r.startsAt()), Timestamp.from(r.endsAt()), operator)
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

    /** Live now on the festival clock, or everything not yet over. */
    public List<FlashSale> list(boolean liveOnly) {
        Timestamp now = Timestamp.from(clock.instant());
        return liveOnly ? query("where not withdrawn and starts_at <= ? and ends_at > ? order by ends_at", now, now)
                : query("where not withdrawn and ends_at > ? order by starts_at limit 500", now);
    }

    private List<FlashSale> query(String tail, Object... params) {
        return sql.sql("""
                select id, title, sku_ids, category_ids, brand_ids, provinces, price_fen, percent_off, starts_at, ends_at,
                       withdrawn from flash_sales\s""" + tail)
                .params(params)
                .query((rs, n) -> new FlashSale(rs.getObject(1, UUID.class), rs.getString(2),
                        List.of((UUID[]) rs.getArray(3).getArray()), List.of((Long[]) rs.getArray(4).getArray()),
                        List.of((UUID[]) rs.getArray(5).getArray()), List.of((String[]) rs.getArray(6).getArray()),
                        (Long) rs.getObject(7), (Integer) rs.getObject(8), rs.getTimestamp(9).toInstant(),
                        rs.getTimestamp(10).toInstant(), rs.getBoolean(11)))
                .list();
    }
}
