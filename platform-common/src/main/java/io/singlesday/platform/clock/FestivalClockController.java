package io.singlesday.platform.clock;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.clock.FestivalClockChanged;
import io.singlesday.platform.kafka.EventPublisher;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

@RestController
@RequestMapping("/api/clock")
@Tag(name = "Festival clock", description = "The festival time every time-bound rule of the platform reads")
public class FestivalClockController {

    private final FestivalClock clock;
    private final EventPublisher publisher;

    public FestivalClockController(FestivalClock clock, EventPublisher publisher) {
        this.clock = clock;
        this.publisher = publisher;
    }

    @GetMapping
    @Operation(operationId = "festivalClock", summary = "Current festival time, speed and the countdown to the festival day")
    public ClockView current() {
        return ClockView.of(clock);
    }

    @PutMapping
    @PreAuthorize("hasRole('OPERATOR')")
    @Operation(operationId = "setFestivalClock", summary = "Set festival time from now on (operators); every instance of every service follows. "
            + "Without a speed the clock keeps the one it runs at")
    public ClockView set(@Valid @RequestBody SetClock request, Authentication caller) {
        FestivalClockChanged setting = new FestivalClockChanged(Instant.now(), request.festivalTime().toInstant(),
                request.speed() == null ? clock.setting().speed() : request.speed(), caller.getName());
        publisher.publish(EventCatalog.FESTIVAL_CLOCK_CHANGED, "clock", setting, Duration.ofSeconds(10));
        clock.apply(setting);
        return ClockView.of(clock);
    }

    public record SetClock(
            @NotNull OffsetDateTime festivalTime,
            @Positive @DecimalMax(value = "86400", message = "must be at most 86400 (a festival day per real second)")
            Double speed) {
    }

    public record ClockView(ZonedDateTime festivalTime, double speed, FestivalDay.Phase phase,
                            long secondsUntilFestival, long secondsUntilFestivalEnds, Instant setAt, String setBy) {

        static ClockView of(FestivalClock clock) {
            FestivalClockChanged setting = clock.setting();
            ZonedDateTime now = clock.now();
            FestivalDay day = FestivalDay.at(now);
            return new ClockView(now, setting.speed(), day.phase(), day.untilStart().toSeconds(),
                    day.untilEnd().toSeconds(), setting.wallAnchor(), setting.changedBy());
        }
    }
}
