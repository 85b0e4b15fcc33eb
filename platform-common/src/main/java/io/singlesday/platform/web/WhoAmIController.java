package io.singlesday.platform.web;

import io.singlesday.platform.identity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Set;

/**
 * Tells a caller how this service sees their token: the quickest check that identity flows from the gateway
 * to a service, and what a developer asks first when a 403 surprises them.
 */
@RestController
@Tag(name = "Identity")
public class WhoAmIController {

    @Value("${spring.application.name}")
    private String service;

    @GetMapping("${festival.service.api-base}/whoami")
    @Operation(summary = "The caller's identity as this service verified it")
    public WhoAmI whoami(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        return new WhoAmI(service, caller.subject(), caller.roles().stream().map(Enum::name)
                .collect(java.util.stream.Collectors.toUnmodifiableSet()), caller.brandId());
    }

    public record WhoAmI(String service, String subject, Set<String> roles, String brandId) {
    }
}
