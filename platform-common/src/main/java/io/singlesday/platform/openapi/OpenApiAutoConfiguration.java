package io.singlesday.platform.openapi;

import io.singlesday.platform.security.FestivalSecurityProperties;
import io.singlesday.platform.security.ServletSecurityAutoConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.util.AntPathMatcher;

import java.util.ArrayList;
import java.util.List;

/**
 * What a generated client needs from every service's document and springdoc does not give by itself: a real title and
 * version, the gateway as the server (clients never call a service directly), the bearer-token scheme, and which
 * operations need it. An operation is anonymous exactly where the security configuration lets anonymous callers in
 * (the service's {@code festival.security.anonymous-get} and the clock), so the document cannot promise more than the
 * filter chain grants. Two Java types may never share a schema name ({@link SchemaNameGuard}).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OpenApiCustomizer.class)
public class OpenApiAutoConfiguration {

    static final String BEARER = "bearer";

    @Bean
    OpenAPI festivalOpenApi(@Value("${spring.application.name}") String application,
                            @Value("${festival.openapi.server-url:http://localhost:8080}") String gateway,
                            ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        String version = properties != null ? properties.getVersion()
                : OpenApiAutoConfiguration.class.getPackage().getImplementationVersion();
        return new OpenAPI()
                .info(new Info().title("Singles' Day " + application + " API").version(version == null ? "dev" : version)
                        .description("Reached through the gateway. Errors are RFC 9457 problem+json; writes that may be "
                                + "retried take an Idempotency-Key; an overloaded service answers 429 with Retry-After."))
                .servers(List.of(new Server().url(gateway).description("the gateway")))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("A token from the platform's issuer; its roles claim decides what the caller may do.")));
    }

    @Bean
    OpenApiCustomizer festivalOperationSecurity(ObjectProvider<FestivalSecurityProperties> security) {
        List<String> anonymous = new ArrayList<>(List.of(ServletSecurityAutoConfiguration.ANONYMOUS_CLOCK));
        FestivalSecurityProperties properties = security.getIfAvailable();
        if (properties != null) {
            anonymous.addAll(properties.anonymousGet());
        }
        AntPathMatcher paths = new AntPathMatcher();
        return api -> {
            if (api.getPaths() == null) {
                return;
            }
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                boolean open = method == io.swagger.v3.oas.models.PathItem.HttpMethod.GET
                        && anonymous.stream().anyMatch(pattern -> paths.match(pattern, path));
                operation.setSecurity(open ? List.of() : List.of(new SecurityRequirement().addList(BEARER)));
            }));
        };
    }

    @Bean
    SchemaNameGuard schemaNameGuard() {
        return new SchemaNameGuard();
    }

    @Bean
    OpenApiCustomizer festivalSchemaNamesApart(SchemaNameGuard guard) {
        return api -> guard.refuseClashes();
    }
}
