package io.singlesday.catalog.brushing;

import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.identity.Caller;
import io.singlesday.platform.identity.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.sql.Timestamp;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers who acts for a brand: every account that changes the brand's catalog with the brand's token (a write
 * that succeeded) is that brand's staff, so an order the same account places at the brand's store is a staff
 * purchase. Reads and refused writes record nothing. Each account and brand is written once per instance (an insert
 * that ignores a repeat), so brand traffic costs one lookup in memory.
 */
@Component
public class BrandStaff implements HandlerInterceptor, WebMvcConfigurer {

    private static final int REMEMBERED = 100_000;

    private final JdbcClient sql;
    private final FestivalClock clock;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public BrandStaff(JdbcClient sql, FestivalClock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/catalog/**");
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception failed) {
        boolean changed = failed == null && response.getStatus() / 100 == 2 && !"GET".equals(request.getMethod())
                && !"HEAD".equals(request.getMethod()) && !"OPTIONS".equals(request.getMethod());
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!changed || authentication == null || !authentication.isAuthenticated()) {
            return;
        }
        Caller caller = Caller.of(authentication);
        if (caller.has(Role.BRAND) && caller.subject() != null) {
            caller.brandUuid().ifPresent(brand -> remember(brand, caller.subject()));
        }
    }

    void remember(UUID brand, String subject) {
        String pair = brand + "\n" + subject;
        if (known.contains(pair)) {
            return;
        }
        sql.sql("insert into brand_staff (brand_id, subject, first_seen) values (?, ?, ?) on conflict do nothing")
                .params(brand, subject, Timestamp.from(clock.instant())).update();
        if (known.size() < REMEMBERED) {
            known.add(pair);
        }
    }
}
