package io.singlesday.livestream;

import io.swagger.v3.oas.annotations.Operation;
import io.singlesday.platform.openapi.Refusal;
import io.singlesday.livestream.drop.Drops;
import io.singlesday.livestream.session.SessionState;
import io.singlesday.livestream.session.Sessions;
import io.singlesday.platform.identity.Caller;
import io.singlesday.platform.idempotency.IdempotencyFilter;
import io.singlesday.platform.web.ApiProblem;
import io.singlesday.platform.web.ProblemType;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/** Channels, sessions and drops: operators run the show, shoppers buy in it. */
@RestController
@RequestMapping("/api/livestreams")
public class LivestreamController {

    private final Sessions sessions;
    private final Drops drops;

    public LivestreamController(Sessions sessions, Drops drops) {
        this.sessions = sessions;
        this.drops = drops;
    }

    @PostMapping("/channels")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('OPERATOR')")
    public Sessions.Channel channel(@Valid @RequestBody Sessions.ChannelRequest request) {
        return sessions.openChannel(request);
    }

    @PostMapping("/channels/{id}/sessions")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('OPERATOR')")
    public Sessions.Session schedule(@PathVariable UUID id, @Valid @RequestBody Sessions.SessionRequest request) {
        return sessions.schedule(id, request);
    }

    @GetMapping("/channels/{id}/sessions")
    public List<Sessions.Session> sessionsOf(@PathVariable UUID id) {
        return sessions.ofChannel(id);
    }

    @GetMapping("/sessions/{id}")
    public Sessions.Session session(@PathVariable UUID id) {
        return sessions.find(id);
    }

    @PostMapping("/sessions/{id}/start")
    @PreAuthorize("hasRole('OPERATOR')")
    public Sessions.Session start(@PathVariable UUID id) {
        return sessions.move(id, SessionState.LIVE);
    }

    @PostMapping("/sessions/{id}/end")
    @PreAuthorize("hasRole('OPERATOR')")
    public Sessions.Session end(@PathVariable UUID id) {
        return sessions.move(id, SessionState.ENDED);
    }

    @PostMapping("/sessions/{id}/drops")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('OPERATOR')")
    public Drops.Drop drop(@PathVariable UUID id, @Valid @RequestBody Drops.DropRequest request) {
        return drops.create(id, request);
    }

    @GetMapping("/drops/{id}")
    public Drops.Drop dropView(@PathVariable UUID id) {
        return drops.find(id);
    }

    /** The key is kept by the allocator with the grant itself, so a retry after a crash finds its first answer. */
    @PostMapping("/drops/{id}/purchases")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('SHOPPER')")
    @Operation(operationId = "buyInDrop", summary = "Buy units of a live drop; the same Idempotency-Key on a retry answers the same purchase")
    @Refusal(status = 410, type = ProblemType.SOLD_OUT, when = "Every unit of the drop is gone")
    @Refusal(status = 409, type = ProblemType.OVER_LIMIT, when = "The viewer bought as many units of this drop as it allows")
    @Refusal(status = 409, type = ProblemType.OVER_LIMIT, when = "More units asked for than one viewer may buy")
    @Refusal(status = 422, when = "The session is not live, the drop is not open yet or its act has ended, or its stock is not held")
    public Drops.Purchase buy(@PathVariable UUID id,
                              @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "one", summary = "One unit, delivered to Shanghai", value = "{\"quantity\":1,\"delivery\":{\"recipient\":\"Gus\",\"street\":\"2 Nanjing Road\",\"city\":\"Shanghai\",\"province\":\"Shanghai\",\"latitude\":31.23,\"longitude\":121.47}}")))
            @Valid @RequestBody Drops.PurchaseRequest request,
                              @RequestHeader(name = IdempotencyFilter.HEADER, required = false) String key, Authentication auth) {
        if (key == null || !IdempotencyFilter.isValidKey(key)) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, ProblemType.IDEMPOTENCY_KEY_REQUIRED,
                    "A purchase needs an Idempotency-Key header (1 to 200 visible ASCII characters)");
        }
        return drops.buy(id, Caller.of(auth).subject(), key, request.quantity(), request.delivery());
    }
}
