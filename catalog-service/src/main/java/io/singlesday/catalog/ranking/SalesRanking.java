package io.singlesday.catalog.ranking;

import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.contracts.orders.OrderRefunded;
import io.singlesday.platform.clock.FestivalClock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Recent sales per product, the "best sellers" sort: units confirmed in the last {@code catalog.ranking.window-days}
 * festival days, net of returns (a refund takes its units off the day its order was confirmed). Each event counts
 * once: the caller ({@code OrderSalesListener}) applies it under the catalog's sales inbox. The window's sum is kept on the product row, so a sorted page is one index walk; a sweep takes each day off
 * as it leaves the window (and puts it back if the festival clock is set back). Both hold the window row (shared for an event, exclusively for the sweep), so an event
 * is never added to a day the sweep is taking away.
 */
@Service
public class SalesRanking {

    private final JdbcClient sql;
    private final FestivalClock clock;
    private final int windowDays;

    public SalesRanking(JdbcClient sql, FestivalClock clock,
                        @Value("${catalog.ranking.window-days}") int windowDays) {
        if (windowDays < 1) {
            throw new IllegalStateException("catalog.ranking.window-days must be at least 1, not " + windowDays);
        }
        this.sql = sql;
        this.clock = clock;
        this.windowDays = windowDays;
    }

    /**
     * The oldest festival day the window counts, held (shared) until the caller's transaction ends, so the sweep
     * cannot take a day away while sales are being added to it. Once per transaction, however many events it applies.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public LocalDate holdWindow() {
        return sql.sql("select first_day from sales_window for share").query(Date.class).single().toLocalDate();
    }

    /** Applies a sale; the caller makes sure each event is applied once, and holds the window. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void addSale(OrderConfirmed order, LocalDate firstDay) {
        add(order.confirmedAt(), firstDay, order.lines().stream()
                .collect(Collectors.groupingBy(OrderConfirmed.Line::productId, Collectors.summingLong(OrderConfirmed.Line::quantity))));
    }

    /** Takes returned units off the day their order was confirmed. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void takeBack(OrderRefunded refund, LocalDate firstDay) {
        add(refund.confirmedAt(), firstDay, refund.lines().stream()
                .collect(Collectors.groupingBy(OrderRefunded.Line::productId, Collectors.summingLong(l -> -l.quantity()))));
    }

    /**
     * Adds (or, negative, takes off) units of products on the day their order was confirmed: for an order that leaves
     * the ranking after it was counted, or comes back to it. The caller holds the window.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void adjust(Instant confirmedAt, LocalDate firstDay, Map<UUID, Long> unitsByProduct) {
        add(confirmedAt, firstDay, unitsByProduct);
    }

    private void add(Instant confirmedAt, LocalDate firstDay, Map<UUID, Long> unitsByProduct) {
        LocalDate day = confirmedAt.atZone(FestivalClock.BEIJING).toLocalDate();
        boolean inWindow = !day.isBefore(firstDay);
        // Products in id order: two polls touching the same hot products never deadlock.
        unitsByProduct.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            int known = sql.sql("""
                    insert into product_daily_sales (product_id, day, units) select ?, ?, ? where exists (select 1 from products where id = ?)
                    on conflict (product_id, day) do update set units = product_daily_sales.units + excluded.units""")
                    .params(e.getKey(), Date.valueOf(day), e.getValue(), e.getKey()).update();
            if (known == 1 && inWindow) {
                sql.sql("update products set sold_recent = sold_recent + ? where id = ?").params(e.getValue(), e.getKey()).update();
            }
        });
    }

    /**
     * Takes the days that left the window off their products, or, when the festival clock was set back, puts the days
     * that came back into it on again; returns how many products changed.
     */
    @Scheduled(fixedDelayString = "${catalog.ranking.sweep:PT10S}")
    @Transactional
    public int sweep() {
        LocalDate newFirst = clock.now().toLocalDate().minusDays(windowDays - 1L);
        LocalDate first = sql.sql("select first_day from sales_window for update").query(Date.class).single().toLocalDate();
        if (newFirst.equals(first)) {
            return 0;
        }
        boolean leaving = newFirst.isAfter(first);
        int changed = sql.sql("""
                update products p set sold_recent = p.sold_recent + ? * d.units
                from (select product_id, sum(units) as units from product_daily_sales where day >= ? and day < ?
                      group by product_id) d
                where d.product_id = p.id""")
                .params(leaving ? -1 : 1, Date.valueOf(leaving ? first : newFirst), Date.valueOf(leaving ? newFirst : first))
                .update();
        sql.sql("update sales_window set first_day = ?").param(Date.valueOf(newFirst)).update();
        return changed;
    }
}
