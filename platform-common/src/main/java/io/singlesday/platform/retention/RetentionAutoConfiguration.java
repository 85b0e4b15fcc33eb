package io.singlesday.platform.retention;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;

@AutoConfiguration(afterName = {"org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration"})
@ConditionalOnClass(JdbcTemplate.class)
@ConditionalOnBean({JdbcTemplate.class, PlatformTransactionManager.class})
public class RetentionAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(value = "festival.retention.enabled", matchIfMissing = true)
    Retention retention(JdbcTemplate jdbc, PlatformTransactionManager transactions, MeterRegistry meters,
                        @Value("${festival.retention.processed-events:P8D}") Duration processedEvents,
                        @Value("${festival.retention.idempotency-keys:P2D}") Duration idempotencyKeys,
                        @Value("${festival.retention.every:PT10M}") Duration every,
                        @Value("${festival.retention.batch-size:10000}") int batchSize) {
        return new Retention(jdbc, new TransactionTemplate(transactions), meters, processedEvents, idempotencyKeys, every,
                batchSize);
    }
}
