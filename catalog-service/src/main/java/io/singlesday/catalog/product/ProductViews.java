package io.singlesday.catalog.product;

import io.singlesday.contracts.Money;

import java.util.List;
import java.util.UUID;

/** What the catalog's API shows of products; never the tables themselves. */
public final class ProductViews {

    private ProductViews() {
    }

    /** {@code recentUnits}: units sold in the ranking's window (recent festival days), net of returns. */
    public record Summary(UUID id, String title, UUID brandId, String brandName, UUID storeId, long categoryId,
                          Money priceFrom, String originCountry, boolean crossBorder, long recentUnits) {
    }

    public record Page(List<Summary> items, UUID next) implements io.singlesday.platform.web.KeysetPage {
    }

    public enum StockStatus { IN_STOCK, LOW_STOCK, SOLD_OUT }

    public record SkuView(UUID id, String code, String label, Money price, int available, StockStatus status) {

        static SkuView of(UUID id, String code, String label, long priceFen, String currency, int available) {
            StockStatus status = available <= 0 ? StockStatus.SOLD_OUT : available < 10 ? StockStatus.LOW_STOCK : StockStatus.IN_STOCK;
            return new SkuView(id, code, label, new Money(priceFen, currency), Math.max(0, available), status);
        }
    }

    public record Detail(UUID id, String title, String description, UUID brandId, String brandName, UUID storeId,
                         long categoryId, String categoryName, String originCountry, boolean crossBorder,
                         boolean listed, List<SkuView> skus) {
    }
}
