package io.singlesday.platform.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.platform.kafka.EventPublisher;
import io.singlesday.platform.kafka.KafkaDefaultsAutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@AutoConfiguration(after = KafkaDefaultsAutoConfiguration.class,
        afterName = {"org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
                "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration"})
@ConditionalOnClass({JdbcTemplate.class, KafkaTemplate.class})
@ConditionalOnBean({JdbcTemplate.class, EventPublisher.class, PlatformTransactionManager.class})
public class OutboxAutoConfiguration {

    @Bean
    OutboxSignal outboxSignal() {
        return new OutboxSignal();
    }

    @Bean
    Outbox outbox(JdbcTemplate jdbc, EventCodec codec, FestivalClock clock, EventPublisher publisher, OutboxSignal signal) {
        return new Outbox(jdbc, codec, clock, publisher, signal);
    }

    @Bean(destroyMethod = "close")
    OutboxBacklog outboxBacklog(JdbcTemplate jdbc, MeterRegistry meters,
                                @Value("${festival.outbox.backlog-every:PT15S}") java.time.Duration every) {
        return new OutboxBacklog(jdbc, meters, every);
    }

    @Bean
    @ConditionalOnProperty(value = "festival.outbox.relay.enabled", matchIfMissing = true)
    OutboxRelay outboxRelay(JdbcTemplate jdbc, PlatformTransactionManager transactions, KafkaTemplate<String, byte[]> kafka,
                            MeterRegistry meters, OutboxSignal signal, io.singlesday.platform.tracing.TraceHop traces,
                            @Value("${festival.outbox.relay.batch-size:500}") int batchSize,
                            @Value("${festival.outbox.relay.fallback-poll-ms:1000}") long fallbackPollMillis) {
        return new OutboxRelay(jdbc, new TransactionTemplate(transactions), kafka, meters, signal, traces, batchSize,
                fallbackPollMillis);
    }
}
