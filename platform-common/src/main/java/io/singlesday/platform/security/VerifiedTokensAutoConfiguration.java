package io.singlesday.platform.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.util.ClassUtils;

import java.time.Instant;

/**
 * Wraps whatever token decoder Spring Boot configured (key, audiences, validators unchanged) in the cache of tokens
 * already verified, in the servlet services and the reactive gateway alike.
 */
@AutoConfiguration
@ConditionalOnClass(JwtDecoder.class)
public class VerifiedTokensAutoConfiguration {

    @Bean
    static BeanPostProcessor verifiedTokensDecoder(@Value("${festival.security.verified-tokens:10000}") int maximumSize) {
        if (maximumSize < 0) {
            throw new IllegalArgumentException("festival.security.verified-tokens must be 0 (no cache) or more, not " + maximumSize);
        }
        VerifiedTokens tokens = new VerifiedTokens(maximumSize, Instant::now);
        boolean reactive = ClassUtils.isPresent("reactor.core.publisher.Mono", VerifiedTokensAutoConfiguration.class.getClassLoader());
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (maximumSize == 0) {
                    return bean;
                }
                if (bean instanceof JwtDecoder decoder) {
                    return tokens.caching(decoder);
                }
                return reactive ? VerifiedTokens.Reactive.wrapIfDecoder(bean, tokens) : bean;
            }
        };
    }
}
