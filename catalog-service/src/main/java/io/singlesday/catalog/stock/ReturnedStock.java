package io.singlesday.catalog.stock;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.catalog.StockLevelChanged;
import io.singlesday.contracts.orders.OrderRefunded;
import io.singlesday.platform.inbox.ProcessedEvents;
import io.singlesday.platform.outbox.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Returned units go back on sale: a refund adds its units to their SKUs' stock once per event (a redelivered refund
 * adds nothing), in SKU order as every stock change locks rows, and a level a shopper would see change is announced.
 * Runs inside the caller's transaction.
 */
@Service
public class ReturnedStock {

    static final String CONSUMER = "catalog-returns";

    private final JdbcClient sql;
    private final ProcessedEvents processed;
    private final Outbox outbox;
    private final StockLevels levels;

    public ReturnedStock(JdbcClient sql, ProcessedEvents processed, Outbox outbox, StockLevels levels) {
        this.sql = sql;
        this.processed = processed;
        this.outbox = outbox;
        this.levels = levels;
    }

    public void restock(UUID eventId, OrderRefunded refund) {
        if (!processed.firstDelivery(CONSUMER, eventId)) {
            return;
        }
        Map<UUID, Integer> units = new LinkedHashMap<>();
        refund.lines().stream().sorted(Comparator.comparing(OrderRefunded.Line::skuId))
                .forEach(l -> units.merge(l.skuId(), l.quantity(), Integer::sum));
        units.forEach((sku, quantity) -> sql.sql("update skus set stock = stock + ? where id = ? returning product_id, stock - reserved")
                .params(quantity, sku)
                .query((rs, n) -> new StockLevelChanged(sku, rs.getObject(1, UUID.class), rs.getInt(2)))
                .optional()
                .filter(level -> levels.worthAnnouncing(level.available() - quantity, level.available()))
                .ifPresent(level -> outbox.append(EventCatalog.STOCK_LEVEL_CHANGED, level.productId().toString(), level)));
    }
}
