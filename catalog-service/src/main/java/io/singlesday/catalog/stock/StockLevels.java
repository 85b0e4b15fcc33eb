package io.singlesday.catalog.stock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which stock changes are news. A storefront shows "sold out", "back in stock" and "only N left", never the exact
 * count of a SKU with plenty: a level is announced when it is at or below the low-stock mark before or after the
 * change. At the midnight peak a hot SKU with thousands of units then costs no event per checkout until it runs low.
 */
@Component
public class StockLevels {

    private final int lowStockUnits;

    public StockLevels(@Value("${catalog.stock.low-stock-units:10}") int lowStockUnits) {
        if (lowStockUnits < 0) {
            throw new IllegalArgumentException("catalog.stock.low-stock-units must be 0 or more, not " + lowStockUnits);
        }
        this.lowStockUnits = lowStockUnits;
    }

    public boolean worthAnnouncing(int availableBefore, int availableAfter) {
        return availableBefore != availableAfter
                && (availableBefore <= lowStockUnits || availableAfter <= lowStockUnits);
    }
}
