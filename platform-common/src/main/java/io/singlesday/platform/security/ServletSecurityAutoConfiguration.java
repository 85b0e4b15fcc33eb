package io.singlesday.platform.security;

import io.singlesday.platform.web.Problems;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every servlet service validates the bearer token itself (the public key comes from configuration), so a
 * service reached around the gateway is no weaker than through it. Failures answer in problem+json.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
@EnableConfigurationProperties(FestivalSecurityProperties.class)
@EnableMethodSecurity
public class ServletSecurityAutoConfiguration {

    /** Anyone may read the festival clock, on every service; the API documents say so too. */
    public static final String ANONYMOUS_CLOCK = "/api/clock";

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain festivalSecurityFilterChain(HttpSecurity http, FestivalSecurityProperties properties,
                                                    JsonMapper json) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            Problems.write(response, json, Problems.of(HttpStatus.UNAUTHORIZED,
                    "A valid bearer token is required", request));
        };
        AccessDeniedHandler forbidden = (request, response, e) -> Problems.write(response, json,
                Problems.of(HttpStatus.FORBIDDEN, "Your role may not do this", request));
        JwtAuthenticationConverter tokens = new JwtAuthenticationConverter();
        tokens.setJwtGrantedAuthoritiesConverter(new RolesClaimConverter());

        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers(RolesClaimConverter.platformPublicPaths().toArray(String[]::new)).permitAll();
                    auth.requestMatchers(HttpMethod.GET, ANONYMOUS_CLOCK).permitAll();
                    properties.anonymousGet().forEach(path -> auth.requestMatchers(HttpMethod.GET, path).permitAll());
                    auth.anyRequest().authenticated();
                })
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(tokens))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden));
        return http.build();
    }
}
