package io.singlesday.platform.json;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/** Every service's JSON mapper refuses what no request body may hold ({@link JsonInputGuards}). */
@AutoConfiguration
@ConditionalOnClass(JsonMapperBuilderCustomizer.class)
public class JsonInputGuardsAutoConfiguration {

    @Bean
    JsonInputGuards jsonInputGuards() {
        return new JsonInputGuards();
    }
}
