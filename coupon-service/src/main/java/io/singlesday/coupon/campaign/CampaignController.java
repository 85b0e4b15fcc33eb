package io.singlesday.coupon.campaign;

import io.swagger.v3.oas.annotations.Operation;
import io.singlesday.platform.identity.Caller;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/api/coupons/campaigns")
public class CampaignController {

    private final Campaigns campaigns;

    public CampaignController(Campaigns campaigns) {
        this.campaigns = campaigns;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('OPERATOR', 'BRAND')")
    @Operation(operationId = "createCampaign")
    public Campaigns.Campaign create(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "platform", summary = "10 CNY off, no minimum, one per shopper", value = "{\"scope\":\"PLATFORM\",\"title\":\"10 off, no minimum\",\"thresholdFen\":0,\"discountFen\":1000,\"stepped\":false,\"totalStock\":1000,\"perShopper\":1,\"claimFrom\":\"2026-10-20T00:00:00Z\",\"claimUntil\":\"2026-11-12T16:00:00Z\",\"redeemFrom\":\"2026-10-20T00:00:00Z\",\"redeemUntil\":\"2026-11-12T16:00:00Z\"}")))
            @Valid @RequestBody CampaignRequest request, Authentication auth) {
        return campaigns.create(request, Caller.of(auth));
    }

    @GetMapping
    @Operation(operationId = "campaigns", summary = "Every campaign")
    public List<Campaigns.Campaign> list() {
        return campaigns.list();
    }

    @GetMapping("/{id}")
    @Operation(operationId = "campaign", summary = "One campaign")
    public Campaigns.Campaign one(@PathVariable UUID id) {
        return campaigns.find(id);
    }
}
