package io.singlesday.platform.idempotency;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(JdbcClient.class)
public class IdempotencyAutoConfiguration {

    /** After the security filters (order -100), so keys are kept per verified caller. */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(JdbcClient sql, JsonMapper json,
            @Value("${festival.idempotency.required-paths:}") List<String> requiredPaths,
            @Value("${festival.idempotency.own-key-paths:}") List<String> ownKeyPaths) {
        FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(
                new IdempotencyFilter(sql, json, requiredPaths, ownKeyPaths));
        registration.setOrder(0);
        return registration;
    }
}
