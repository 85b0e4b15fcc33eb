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
import org.springdoc.core.customizers.OperationCustomizer;
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
    @org.springframework.core.annotation.Order(1)
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

    /**
     * The refusals every operation can meet, declared so a generated client has a type for them: a problem+json body
     * (RFC 9457, the platform's {@code type} URIs) for 400, 401 and 403 where a token is needed, 404 where the path
     * names a resource, 409 and 422 on writes (a state or rule refuses it; the idempotency filter answers 409 while a
     * key's first request runs and 422 for a key reused for another request), 413 where there is a body, and 429 and 503 with
     * Retry-After everywhere (the gateway sheds any route; a service or its database may be away). An operation's own
     * declarations are kept.
     */
    @Bean
    @org.springframework.core.annotation.Order(2)
    OpenApiCustomizer festivalProblemResponses() {
        return api -> {
            if (api.getPaths() == null) {
                return;
            }
            Components components = api.getComponents() == null ? new Components() : api.getComponents();
            api.setComponents(components);
            components.addSchemas(PROBLEM, new io.swagger.v3.oas.models.media.ObjectSchema()
                    .description("RFC 9457 problem details; type is one of the kinds in docs/problems.md")
                    .addProperty("type", new io.swagger.v3.oas.models.media.StringSchema().format("uri")
                            .example("tag:singlesday.dev,2026:problem:sold-out"))
                    .addProperty("title", new io.swagger.v3.oas.models.media.StringSchema())
                    .addProperty("status", new io.swagger.v3.oas.models.media.IntegerSchema())
                    .addProperty("detail", new io.swagger.v3.oas.models.media.StringSchema())
                    .addProperty("instance", new io.swagger.v3.oas.models.media.StringSchema())
                    .addProperty("requestId", new io.swagger.v3.oas.models.media.StringSchema())
                    .addRequiredItem("type").addRequiredItem("title").addRequiredItem("status"));
            components.addHeaders(RETRY_AFTER, new io.swagger.v3.oas.models.headers.Header()
                    .description("Seconds to wait before trying again (with the same Idempotency-Key for a write)")
                    .schema(new io.swagger.v3.oas.models.media.IntegerSchema().minimum(java.math.BigDecimal.ONE)));
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                io.swagger.v3.oas.models.responses.ApiResponses responses = operation.getResponses() == null
                        ? new io.swagger.v3.oas.models.responses.ApiResponses() : operation.getResponses();
                operation.setResponses(responses);
                boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
                boolean write = method != io.swagger.v3.oas.models.PathItem.HttpMethod.GET
                        && method != io.swagger.v3.oas.models.PathItem.HttpMethod.HEAD;
                problem(responses, "400", "The request is malformed or a field is invalid; detail names the field", false);
                if (secured) {
                    problem(responses, "401", "No valid bearer token", false);
                    problem(responses, "403", "The caller's role or ownership does not allow this", false);
                }
                if (path.contains("{")) {
                    problem(responses, "404", "No such resource for this caller", false);
                }
                if (write) {
                    problem(responses, "409", "The resource's state does not allow this now, or this Idempotency-Key's "
                            + "first request is still being answered (retry it later)", false);
                    problem(responses, "422", "Refused by a business rule, or this Idempotency-Key was used for a "
                            + "different request", false);
                }
                if (operation.getRequestBody() != null) {
                    problem(responses, "413", "The request body is larger than allowed", false);
                }
                problem(responses, "429", "Shed to protect the platform; retry after Retry-After", true);
                problem(responses, "503", "A service or its database is away; retry after Retry-After", true);
            }));
        };
    }

    /** Runs last: it reads the security and responses the customizers before it declared. */
    @Bean
    @org.springframework.core.annotation.Order(3)
    OpenApiCustomizer festivalClientConventions(
            @Value("${festival.idempotency.required-paths:}") List<String> requiredKeyPaths,
            @Value("${festival.idempotency.own-key-paths:}") List<String> ownKeyPaths) {
        List<String> keyRequired = new ArrayList<>(requiredKeyPaths);
        keyRequired.addAll(ownKeyPaths);
        return api -> {
            ClientConventions.readableTags(api);
            ClientConventions.idempotencyKeys(api, keyRequired);
            ClientConventions.typedHeaders(api);
            ClientConventions.pageLinks(api);
            ClientConventions.eventStreams(api);
            ClientConventions.refuseUnreadableOperationIds(api);
        };
    }

    @Bean
    OperationCustomizer festivalRefusals() {
        return (operation, handler) -> {
            ClientConventions.refusals(operation, handler);
            return operation;
        };
    }

    static final String PROBLEM = "Problem";
    static final String RETRY_AFTER = "Retry-After";

    private static void problem(io.swagger.v3.oas.models.responses.ApiResponses responses, String status, String description,
                                boolean retryAfter) {
        if (responses.containsKey(status)) {
            return;
        }
        io.swagger.v3.oas.models.responses.ApiResponse response = new io.swagger.v3.oas.models.responses.ApiResponse()
                .description(description)
                .content(new io.swagger.v3.oas.models.media.Content().addMediaType("application/problem+json",
                        new io.swagger.v3.oas.models.media.MediaType().schema(
                                new io.swagger.v3.oas.models.media.Schema<>().$ref("#/components/schemas/" + PROBLEM))));
        if (retryAfter) {
            response.addHeaderObject(RETRY_AFTER, new io.swagger.v3.oas.models.headers.Header().$ref("#/components/headers/" + RETRY_AFTER));
        }
        responses.addApiResponse(status, response);
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
