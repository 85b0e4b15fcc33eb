package io.singlesday.livestream.audience;

import io.singlesday.platform.identity.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.List;
import java.util.UUID;

/** Watching a show: joining, liking, commenting and asking; the host pins and answers. */
@RestController
@Validated
@RequestMapping("/api/livestreams")
public class AudienceController {

    private final Audience audience;

    public AudienceController(Audience audience) {
        this.audience = audience;
    }

    @PostMapping("/sessions/{id}/viewers")
    @PreAuthorize("hasRole('SHOPPER')")
    public Audience.Figures join(@PathVariable UUID id, Authentication auth) {
        return audience.join(id, Caller.of(auth).subject());
    }

    @DeleteMapping("/sessions/{id}/viewers/me")
    @PreAuthorize("hasRole('SHOPPER')")
    public Audience.Figures leave(@PathVariable UUID id, Authentication auth) {
        return audience.leave(id, Caller.of(auth).subject());
    }

    @PostMapping("/sessions/{id}/likes")
    @PreAuthorize("hasRole('SHOPPER')")
    public Audience.Figures like(@PathVariable UUID id) {
        return audience.like(id);
    }

    @PostMapping("/sessions/{id}/comments")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('SHOPPER')")
    public Audience.Comment comment(@PathVariable UUID id, @Valid @RequestBody Audience.CommentRequest request, Authentication auth) {
        return audience.comment(id, Caller.of(auth).subject(), request);
    }

    @GetMapping("/sessions/{id}/comments")
    public List<Audience.Comment> comments(@PathVariable UUID id,
                                           @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return audience.latest(id, limit);
    }

    @GetMapping("/sessions/{id}/audience")
    public Audience.Figures figures(@PathVariable UUID id) {
        return audience.figuresOf(id);
    }

    @GetMapping(value = "/sessions/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(@PathVariable UUID id) {
        return audience.watch(id);
    }

    @PostMapping("/comments/{id}/pin")
    @PreAuthorize("hasRole('OPERATOR')")
    public Audience.Comment pin(@PathVariable UUID id) {
        return audience.pin(id);
    }

    @PostMapping("/comments/{id}/answer")
    @PreAuthorize("hasRole('OPERATOR')")
    public Audience.Comment answer(@PathVariable UUID id, @Valid @RequestBody Audience.AnswerRequest request) {
        return audience.answer(id, request);
    }
}
