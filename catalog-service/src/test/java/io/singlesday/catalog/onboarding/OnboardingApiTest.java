package io.singlesday.catalog.onboarding;

import io.singlesday.catalog.CatalogIntegrationTest;
import io.singlesday.contracts.clock.FestivalClockChanged;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.testsupport.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.singlesday.testsupport.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class OnboardingApiTest extends CatalogIntegrationTest {

    @Autowired
    FestivalClock clock;

    @Autowired
    Onboarding onboarding;

    @Test
    void aBrandGoesFromRegistrationToAnOpenStoreInIncubation() throws Exception {
        OpenBrand brand = openBrand("DE");
        HttpResponse<String> application = call("GET", "/api/catalog/onboarding/applications/" + brand.applicationId(), operator, null);
        assertThat(application.body()).contains("\"state\":\"STORE_OPEN\"");
        HttpResponse<String> progress = call("GET", "/api/catalog/brand/incubation", brand.token(), null);
        assertThat(progress.statusCode()).isEqualTo(200);
        assertThat(progress.body()).contains("\"minor\":100000000").contains("\"percent\":0").contains("\"daysLeft\":89");

        assertProblem(call("POST", "/api/catalog/brand/store", brand.token(), "{\"storeName\":\"Second store\"}"), 409);
        HttpResponse<String> again = call("POST", "/api/catalog/onboarding/applications", Tokens.shopper("copycat"), """
                {"brandName":"%s","companyName":"Copy Ltd","registrationNumber":"1","originCountry":"CN",
                 "categoryIds":[1],"contactName":"C","contactEmail":"c@example.com"}""".formatted(brand.name().toUpperCase()));
        assertProblem(again, 409);
    }

    @Test
    void operatorsReviewAndApplicantsOnlySeeTheirOwn() throws Exception {
        String applicant = Tokens.shopper("founder-" + UUID.randomUUID());
        HttpResponse<String> registered = call("POST", "/api/catalog/onboarding/applications", applicant, """
                {"brandName":"Nordlys %s","companyName":"Nordlys AS","registrationNumber":"NO 9","originCountry":"NO",
                 "categoryIds":[5,501],"contactName":"Ola","contactEmail":"ola@example.com"}""".formatted(UUID.randomUUID()));
        String id = field(registered.body(), "id");
        assertThat(call("GET", "/api/catalog/onboarding/applications/" + id, applicant, null).statusCode()).isEqualTo(200);
        assertProblem(call("GET", "/api/catalog/onboarding/applications/" + id, Tokens.shopper("someone-else"), null), 404);
        assertProblem(call("POST", "/api/catalog/onboarding/applications/" + id + "/approve", applicant, null), 403);
        assertProblem(call("POST", "/api/catalog/onboarding/applications/" + id + "/approve", operator, null), 409);
        assertProblem(call("POST", "/api/catalog/onboarding/applications/" + id + "/reject", operator, "{\"reason\":\"\"}"), 400);
        HttpResponse<String> rejected = call("POST", "/api/catalog/onboarding/applications/" + id + "/reject", operator,
                "{\"reason\":\"Trademark not registered in China\"}");
        assertThat(rejected.body()).contains("\"state\":\"REJECTED\"").contains("Trademark");
        assertThat(call("GET", "/api/catalog/onboarding/applications?state=REJECTED&limit=500", operator, null).body()).contains(id);
        assertProblem(call("GET", "/api/catalog/onboarding/applications", applicant, null), 403);
    }

    @Test
    void badRegistrationsAreProblems() throws Exception {
        String applicant = Tokens.shopper("founder-" + UUID.randomUUID());
        String template = """
                {"brandName":"%s","companyName":"X","registrationNumber":"1","originCountry":"%s",
                 "categoryIds":%s,"contactName":"C","contactEmail":"%s"}""";
        assertProblem(call("POST", "/api/catalog/onboarding/applications", applicant,
                template.formatted("Bad " + UUID.randomUUID(), "Germany", "[1]", "c@example.com")), 400);
        assertProblem(call("POST", "/api/catalog/onboarding/applications", applicant,
                template.formatted("Bad " + UUID.randomUUID(), "DE", "[]", "c@example.com")), 400);
        assertProblem(call("POST", "/api/catalog/onboarding/applications", applicant,
                template.formatted("Bad " + UUID.randomUUID(), "DE", "[1]", "not-an-email")), 400);
        assertProblem(call("POST", "/api/catalog/onboarding/applications", applicant,
                template.formatted("Bad " + UUID.randomUUID(), "DE", "[424242]", "c@example.com")), 422);
        assertProblem(call("POST", "/api/catalog/onboarding/applications", null,
                template.formatted("Bad " + UUID.randomUUID(), "DE", "[1]", "c@example.com")), 401);
    }

    @Test
    void anApprovalLapsesWhenTheStoreIsNotOpenedWithinThirtyFestivalDays() throws Exception {
        String applicant = Tokens.shopper("slow-" + UUID.randomUUID());
        HttpResponse<String> registered = call("POST", "/api/catalog/onboarding/applications", applicant, """
                {"brandName":"Slowpoke %s","companyName":"Slow SA","registrationNumber":"FR 1","originCountry":"FR",
                 "categoryIds":[7],"contactName":"S","contactEmail":"s@example.com"}""".formatted(UUID.randomUUID()));
        String id = field(registered.body(), "id");
        call("POST", "/api/catalog/onboarding/applications/" + id + "/review", operator, null);
        UUID brandId = UUID.fromString(field(call("POST", "/api/catalog/onboarding/applications/" + id + "/approve",
                operator, null).body(), "brandId"));
        assertThat(call("GET", "/api/catalog/onboarding/applications?lapsingWithinDays=30&limit=500", operator, null).body())
                .contains(id);

        FestivalClockChanged before = clock.setting();
        try {
            clock.apply(new FestivalClockChanged(Instant.now(), clock.instant().plus(Duration.ofDays(31)), 1, "test"));
            onboarding.lapseOverdue();
            assertThat(call("GET", "/api/catalog/onboarding/applications/" + id, operator, null).body())
                    .contains("\"state\":\"LAPSED\"");
            assertProblem(call("POST", "/api/catalog/brand/store", Tokens.brand("late", brandId.toString()),
                    "{\"storeName\":\"Too late\"}"), 409);
        } finally {
            clock.apply(new FestivalClockChanged(Instant.now(), before.festivalAnchor().plus(
                    Duration.between(before.wallAnchor(), Instant.now())), before.speed(), "test-restore"));
        }
    }
}
