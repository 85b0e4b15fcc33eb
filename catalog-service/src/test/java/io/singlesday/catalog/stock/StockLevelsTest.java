package io.singlesday.catalog.stock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StockLevelsTest {

    private final StockLevels levels = new StockLevels(10);

    @Test
    void changesAmongPlentyAreNotNews() {
        assertThat(levels.worthAnnouncing(4_900, 4_899)).isFalse();
        assertThat(levels.worthAnnouncing(12, 11)).isFalse();
        assertThat(levels.worthAnnouncing(11, 13)).isFalse();
    }

    @Test
    void runningLowSellingOutAndComingBackAreNews() {
        assertThat(levels.worthAnnouncing(11, 10)).as("reaches the low-stock mark").isTrue();
        assertThat(levels.worthAnnouncing(3, 2)).as("only N left").isTrue();
        assertThat(levels.worthAnnouncing(1, 0)).as("sold out").isTrue();
        assertThat(levels.worthAnnouncing(0, 1)).as("back in stock").isTrue();
        assertThat(levels.worthAnnouncing(10, 500)).as("restocked from low").isTrue();
        assertThat(levels.worthAnnouncing(40, 5)).as("a large order takes it low").isTrue();
    }

    @Test
    void noChangeIsNoNewsAndANegativeMarkIsRefused() {
        assertThat(levels.worthAnnouncing(0, 0)).isFalse();
        assertThat(new StockLevels(0).worthAnnouncing(1, 0)).isTrue();
        assertThat(new StockLevels(0).worthAnnouncing(2, 1)).isFalse();
        assertThatThrownBy(() -> new StockLevels(-1)).hasMessageContaining("catalog.stock.low-stock-units");
    }
}
