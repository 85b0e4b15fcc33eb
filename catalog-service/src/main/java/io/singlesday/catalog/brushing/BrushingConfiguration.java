package io.singlesday.catalog.brushing;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The detector's knobs from {@code catalog.brushing.*}; a value out of range stops the start with its name. */
@Configuration
class BrushingConfiguration {

    @Bean
    BrushingRules brushingRules(@Value("${catalog.brushing.threshold}") int threshold,
                                @Value("${catalog.brushing.cluster-shoppers}") int clusterShoppers,
                                @Value("${catalog.brushing.ring-buyers}") int ringBuyers,
                                @Value("${catalog.brushing.tiny-unit-fen}") long tinyUnitFen,
                                @Value("${catalog.brushing.quick-refund-minutes}") long quickRefundMinutes,
                                @Value("${catalog.brushing.burst-orders}") long burstOrders,
                                @Value("${catalog.brushing.burst-factor}") long burstFactor) {
        return new BrushingRules(new BrushingRules.Settings(threshold, clusterShoppers, ringBuyers, tinyUnitFen, quickRefundMinutes,
                burstOrders, burstFactor));
    }
}
