package io.singlesday.gateway.identity;

import io.singlesday.gateway.errors.ProblemWriter;
import io.singlesday.platform.security.RolesClaimConverter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * The gateway turns away callers without a valid token before they reach a service; the services check again
 * themselves. Anonymous callers may browse the catalog, read the public dashboard figures, the clock and the API
 * documents. It keeps no session: every request stands on its own token, so nothing is stored between requests and
 * no session is made for an anonymous one.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class GatewaySecurity {

    @Bean
    SecurityWebFilterChain gatewaySecurityFilterChain(ServerHttpSecurity http, ProblemWriter problems) {
        ServerAuthenticationEntryPoint unauthenticated = (exchange, e) -> {
            exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
            return problems.write(exchange, HttpStatus.UNAUTHORIZED, "A valid bearer token is required");
        };
        ServerAccessDeniedHandler forbidden = (exchange, e) ->
                problems.write(exchange, HttpStatus.FORBIDDEN, "Your role may not do this");
        JwtAuthenticationConverter tokens = new JwtAuthenticationConverter();
        tokens.setJwtGrantedAuthoritiesConverter(new RolesClaimConverter());

        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .authorizeExchange(auth -> auth
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus", "/fallback/**").permitAll()
                        .pathMatchers(HttpMethod.POST, "/dev/tokens").permitAll()
                        // The API documents and the Swagger UI over them: what a client needs before it has a token.
                        .pathMatchers(HttpMethod.GET, "/api-docs/*", "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs/**",
                                "/webjars/**").permitAll()
                        .pathMatchers("/api/gateway/**", "/actuator/**").hasRole("OPERATOR")
                        // What shoppers see before signing in; each service still decides for its own paths.
                        .pathMatchers(HttpMethod.GET, "/api/clock", "/api/catalog/**", "/api/gmv/public/**",
                                "/api/coupons/campaigns", "/api/coupons/campaigns/**", "/api/coupons/promotions/**",
                                "/api/livestreams/channels/*/sessions", "/api/livestreams/sessions/*", "/api/livestreams/drops/*",
                                "/api/livestreams/sessions/*/comments", "/api/livestreams/sessions/*/audience",
                                "/api/livestreams/sessions/*/stream", "/api/livestreams/sessions/*/stats",
                                "/api/livestreams/sessions/*/running-order",
                                "/api/livestreams/leaderboard", "/api/livestreams/group-deals/*",
                                "/dashboard", "/dashboard/**").permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(tokens)))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
                .build();
    }
}
