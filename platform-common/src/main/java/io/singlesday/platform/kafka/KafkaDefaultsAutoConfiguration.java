package io.singlesday.platform.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.singlesday.contracts.topics.Topic;
import io.singlesday.contracts.topics.Topics;
import io.singlesday.platform.db.DatabaseWait;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import io.micrometer.tracing.Tracer;
import io.singlesday.platform.clock.FestivalClock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumer and topic defaults for every service: a failing record is retried a bounded number of times and
 * then lands on its topic's dead-letter topic with the reason in the headers, and the consumer moves on.
 * Records that can never be read skip the retries. Every topic of the registry is declared, because brokers
 * run with auto-create off.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(KafkaOperations.class)
public class KafkaDefaultsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec(JsonMapper jsonMapper) {
        return new EventCodec(jsonMapper);
    }

    @Bean
    @ConditionalOnMissingBean
    io.singlesday.platform.tracing.TraceHop traceHop(ObjectProvider<Tracer> tracer) {
        return new io.singlesday.platform.tracing.TraceHop(tracer::getIfAvailable);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(KafkaTemplate.class)
    EventPublisher eventPublisher(KafkaTemplate<String, byte[]> kafka, EventCodec codec, FestivalClock clock,
                                  io.singlesday.platform.tracing.TraceHop traces) {
        return new EventPublisher(kafka, codec, clock, traces);
    }

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler deadLetteringErrorHandler(KafkaOperations<?, ?> template, MeterRegistry meters,
                                                  @Value("${festival.kafka.retry.attempts:3}") long attempts,
                                                  @Value("${festival.kafka.retry.interval-ms:200}") long intervalMs) {
        DeadLetterPublishingRecoverer toDeadLetter = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(Topic.deadLetterName(record.topic()), -1));
        DefaultErrorHandler handler = new DefaultErrorHandler((record, exception) -> {
            meters.counter("festival.kafka.dead.letters", "topic", record.topic()).increment();
            toDeadLetter.accept(record, exception);
        }, new FixedBackOff(intervalMs, attempts));
        handler.addNotRetryableExceptions(UnreadableEventException.class);
        // A database that is busy or away is no fault of the record: it waits for the database instead of landing on
        // the dead letters after three quick tries (the pool already waited its connection time-out each time).
        handler.setBackOffFunction((record, exception) -> DatabaseWait.timedOut(exception).isPresent()
                ? new FixedBackOff(intervalMs, FixedBackOff.UNLIMITED_ATTEMPTS) : null);
        return handler;
    }

    @Bean
    KafkaAdmin.NewTopics platformTopics(@Value("${festival.kafka.topic-replication:1}") int replication) {
        return new KafkaAdmin.NewTopics(Topics.allWithDeadLetters().stream().map(topic -> {
            TopicBuilder builder = TopicBuilder.name(topic.name())
                    .partitions(topic.partitions())
                    .replicas(replication);
            if (topic.compacted()) {
                builder.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            }
            return builder.build();
        }).toArray(org.apache.kafka.clients.admin.NewTopic[]::new));
    }
}
