package io.singlesday.platform.clock;

import io.singlesday.contracts.clock.FestivalClockChanged;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.platform.kafka.EventPublisher;
import io.singlesday.platform.kafka.KafkaDefaultsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Clock;
import java.time.Instant;

@AutoConfiguration(after = KafkaDefaultsAutoConfiguration.class)
@EnableConfigurationProperties(FestivalClockProperties.class)
public class FestivalClockAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    FestivalClock festivalClock(FestivalClockProperties properties) {
        Instant now = Instant.now();
        Instant festivalStart = properties.start() == null ? now : properties.start().toInstant();
        return new FestivalClock(Clock.systemUTC(),
                new FestivalClockChanged(now, festivalStart, properties.speedOrDefault(), "configuration"));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(KafkaTemplate.class)
    @ConditionalOnBean(EventPublisher.class)
    static class OverKafka {

        @Bean
        FestivalClockListener festivalClockListener(FestivalClock clock, EventCodec codec) {
            return new FestivalClockListener(clock, codec);
        }

        @Bean
        @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
        FestivalClockController festivalClockController(FestivalClock clock, EventPublisher publisher) {
            return new FestivalClockController(clock, publisher);
        }
    }
}
