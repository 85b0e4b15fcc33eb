package io.singlesday.livestream.drop;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.singlesday.platform.clock.FestivalClock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration
class DropConfiguration {

    /** One allocator per instance, closed with the context so queued purchases are told to retry. */
    @Bean(destroyMethod = "close")
    DropAllocator dropAllocator(JdbcTemplate jdbc, TransactionTemplate transactions, FestivalClock clock, MeterRegistry meters) {
        DropAllocator allocator = new DropAllocator(jdbc, transactions, clock);
        Gauge.builder("festival.livestream.drop.allocator.waiting", allocator, DropAllocator::waiting)
                .description("purchases waiting for the allocator's next round").register(meters);
        return allocator;
    }
}
