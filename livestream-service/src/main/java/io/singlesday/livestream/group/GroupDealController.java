package io.singlesday.livestream.group;

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

import java.util.UUID;

@RestController
@RequestMapping("/api/livestreams")
public class GroupDealController {

    private final GroupDeals deals;

    public GroupDealController(GroupDeals deals) {
        this.deals = deals;
    }

    @PostMapping("/sessions/{id}/group-deals")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('OPERATOR')")
    public GroupDeals.Deal offer(@PathVariable UUID id, @Valid @RequestBody GroupDeals.DealRequest request) {
        return deals.offer(id, request);
    }

    @PostMapping("/group-deals/{id}/joins")
    @PreAuthorize("hasRole('SHOPPER')")
    @Operation(operationId = "joinGroupDeal", summary = "Join a group deal")
    public GroupDeals.Joined join(@PathVariable UUID id, @Valid @RequestBody GroupDeals.JoinRequest request, Authentication auth) {
        return deals.join(id, Caller.of(auth).subject(), request.delivery());
    }

    @GetMapping("/group-deals/joined")
    @PreAuthorize("hasRole('SHOPPER')")
    public java.util.List<GroupDeals.MyJoin> myJoins(Authentication auth) {
        return deals.joinsOf(Caller.of(auth).subject());
    }

    @GetMapping("/group-deals/{id}")
    public GroupDeals.Deal deal(@PathVariable UUID id) {
        return deals.find(id);
    }
}
