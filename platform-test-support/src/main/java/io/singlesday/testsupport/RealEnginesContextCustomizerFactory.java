package io.singlesday.testsupport;

import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Activated by {@link WithRealEngines}; puts the engines' addresses above every other property source. */
public class RealEnginesContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> attributes) {
        WithRealEngines annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, WithRealEngines.class);
        return annotation == null ? null : new Customizer(annotation.database());
    }

    private record Customizer(String database) implements ContextCustomizer {

        @Override
        public void customizeContext(org.springframework.context.ConfigurableApplicationContext context,
                                     org.springframework.test.context.MergedContextConfiguration merged) {
            Engines engines = RealEngines.shared();
            engines.ensureDatabase(database);
            try {
                String stateDir = Files.createTempDirectory("festival-streams-" + database).toString();
                context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("realEngines", Map.of(
                        "spring.datasource.url", engines.jdbcUrl(database),
                        "spring.datasource.username", database,
                        "spring.datasource.password", database,
                        "spring.kafka.bootstrap-servers", engines.kafkaBootstrapServers(),
                        "spring.kafka.streams.state-dir", stateDir,
                        "spring.kafka.streams.application-id", database + "-test-" + UUID.randomUUID(),
                        "spring.security.oauth2.resourceserver.jwt.public-key-location",
                        "file:" + engines.signingKey().publicKeyPem())));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
