package io.singlesday.livestream.drop;

import io.singlesday.platform.clock.FestivalClock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration
class DropConfiguration {

    /** One allocator per instance, closed with the context so queued purchases are told to retry. */
    @Bean(destroyMethod = "close")
    DropAllocator dropAllocator(JdbcTemplate jdbc, TransactionTemplate transactions, FestivalClock clock) {
        return new DropAllocator(jdbc, transactions, clock);
    }
}
