package io.singlesday.order.reminder;

import io.singlesday.platform.identity.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/api/orders")
@PreAuthorize("hasRole('SHOPPER')")
public class ReminderController {

    private final Reminders reminders;
    private final NotificationFeed feed;

    public ReminderController(Reminders reminders, NotificationFeed feed) {
        this.reminders = reminders;
        this.feed = feed;
    }

    public record MarkRequest(@NotNull UUID productId) {
    }

    /** Marking twice keeps one reminder: a retry changes nothing. */
    @PostMapping("/reminders")
    public Reminders.Reminder mark(@Valid @RequestBody MarkRequest request, Authentication auth) {
        return reminders.mark(Caller.of(auth).subject(), request.productId());
    }

    @GetMapping("/reminders")
    public List<Reminders.Reminder> reminders(Authentication auth) {
        return reminders.list(Caller.of(auth).subject());
    }

    @DeleteMapping("/reminders/{productId}")
    @io.swagger.v3.oas.annotations.Operation(operationId = "unmarkReminder", summary = "Stop the reminder for a product")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "204", description = "No reminder any more")
    public ResponseEntity<Void> unmark(@PathVariable UUID productId, Authentication auth) {
        reminders.unmark(Caller.of(auth).subject(), productId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/notifications")
    public List<NotificationFeed.Notification> notifications(Authentication auth) {
        return feed.latest(Caller.of(auth).subject(), 0, 50);
    }

    @GetMapping(value = "/notifications/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(@RequestHeader(value = "Last-Event-ID", defaultValue = "0") long lastEventId,
                             Authentication auth) {
        return feed.subscribe(Caller.of(auth).subject(), lastEventId);
    }
}
