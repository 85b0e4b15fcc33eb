package io.singlesday.catalog.onboarding;

import io.singlesday.catalog.access.BrandAccess;
import io.singlesday.catalog.onboarding.Onboarding.Application;
import io.singlesday.platform.identity.Caller;
import io.singlesday.platform.identity.Role;
import io.singlesday.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

@RestController
@Tag(name = "Brand onboarding", description = "Tmall Global style: register, get reviewed, open the store within 30 days")
public class OnboardingController {

    private final Onboarding onboarding;
    private final Incubation incubation;

    public OnboardingController(Onboarding onboarding, Incubation incubation) {
        this.onboarding = onboarding;
        this.incubation = incubation;
    }

    public record RegistrationRequest(
            @NotBlank @Size(max = 120) String brandName,
            @NotBlank @Size(max = 200) String companyName,
            @NotBlank @Size(max = 60) String registrationNumber,
            @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 country code such as DE") String originCountry,
            @NotEmpty @Size(max = 10) List<Long> categoryIds,
            @NotBlank @Size(max = 120) String contactName,
            @NotBlank @Email @Size(max = 200) String contactEmail) {
    }

    public record RejectRequest(@NotBlank @Size(max = 500) String reason) {
    }

    public record OpenStoreRequest(@NotBlank @Size(max = 160) String storeName) {
    }

    @PostMapping("/api/catalog/onboarding/applications")
    @Operation(summary = "Register a brand (any signed-in account); the answer says what happens next")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "Registered; the application says what happens next",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location", description = "The application to read"))
    public ResponseEntity<Application> register(Authentication caller,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "brand", summary = "A German brand for Tmall Global", value = "{\"brandName\":\"Bergblick\",\"companyName\":\"Bergblick GmbH\",\"registrationNumber\":\"HRB 1\",\"originCountry\":\"DE\",\"categoryIds\":[3],\"contactName\":\"Anna\",\"contactEmail\":\"anna@example.com\"}")))
            @Valid @RequestBody RegistrationRequest r) {
        Application application = onboarding.submit(caller.getName(), new Onboarding.Registration(r.brandName(),
                r.companyName(), r.registrationNumber(), r.originCountry(), r.categoryIds(), r.contactName(), r.contactEmail()));
        return ResponseEntity.created(URI.create("/api/catalog/onboarding/applications/" + application.id())).body(application);
    }

    @GetMapping("/api/catalog/onboarding/applications/{id}")
    @Operation(operationId = "application", summary = "An application, for the account that submitted it or an operator")
    public Application one(Authentication caller, @PathVariable UUID id) {
        return onboarding.find(id)
                .filter(a -> Caller.of(caller).has(Role.OPERATOR) || a.applicant().equals(caller.getName()))
                .orElseThrow(() -> ApiProblem.notFound("No application " + id));
    }

    @GetMapping("/api/catalog/onboarding/applications")
    @PreAuthorize("hasRole('OPERATOR')")
    @Operation(operationId = "applications", summary = "Applications by state, or those whose store-opening window ends within N days")
    public List<Application> list(@RequestParam(required = false) ApplicationState state,
                                  @RequestParam(required = false) @Min(0) @Max(30) Integer lapsingWithinDays,
                                  @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        return onboarding.list(state, lapsingWithinDays == null ? null : Duration.ofDays(lapsingWithinDays), limit);
    }

    @PostMapping("/api/catalog/onboarding/applications/{id}/review")
    @PreAuthorize("hasRole('OPERATOR')")
    public Application review(@PathVariable UUID id) {
        return onboarding.startReview(id);
    }

    @PostMapping("/api/catalog/onboarding/applications/{id}/approve")
    @PreAuthorize("hasRole('OPERATOR')")
    @Operation(summary = "Approve: the brand exists from now on and has 30 festival days to open its store")
    public Application approve(@PathVariable UUID id) {
        return onboarding.approve(id);
    }

    @PostMapping("/api/catalog/onboarding/applications/{id}/reject")
    @PreAuthorize("hasRole('OPERATOR')")
    public Application reject(@PathVariable UUID id, @Valid @RequestBody RejectRequest request) {
        return onboarding.reject(id, request.reason());
    }

    @PostMapping("/api/catalog/brand/store")
    @PreAuthorize("hasRole('BRAND')")
    @Operation(summary = "Open your brand's store; it enters the 90-day incubation program")
    public Application openStore(Authentication caller, @Valid @RequestBody OpenStoreRequest request) {
        return onboarding.openStore(BrandAccess.brandOf(caller), request.storeName());
    }

    @GetMapping("/api/catalog/brand/incubation")
    @PreAuthorize("hasRole('BRAND')")
    @Operation(summary = "Your incubation progress toward 1,000,000 RMB in 90 days")
    public Incubation.Progress incubation(Authentication caller) {
        return incubation.of(BrandAccess.brandOf(caller))
                .orElseThrow(() -> ApiProblem.notFound("Your brand has no store in incubation"));
    }
}
