package io.singlesday.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * Which paths of a service anonymous callers may GET (catalog browsing, public dashboard figures). Everything
 * else needs a verified token; per-endpoint role and ownership checks sit on the endpoints themselves.
 */
@ConfigurationProperties("festival.security")
public record FestivalSecurityProperties(List<String> anonymousGet) {

    public FestivalSecurityProperties {
        anonymousGet = anonymousGet == null ? List.of() : List.copyOf(anonymousGet);
    }
}
