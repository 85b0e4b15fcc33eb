package io.singlesday.livestream.gala;

import jakarta.validation.Valid;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@RestController
@RequestMapping("/api/livestreams/sessions/{id}/running-order")
public class RunningOrderController {

    private final RunningOrder runningOrder;

    public RunningOrderController(RunningOrder runningOrder) {
        this.runningOrder = runningOrder;
    }

    /** Replaces the whole running order: a PUT repeated is the same show. */
    @PutMapping
    @PreAuthorize("hasRole('OPERATOR')")
    public RunningOrder.Show plan(@PathVariable UUID id, @Valid @RequestBody RunningOrder.RunningOrderRequest request) {
        return runningOrder.plan(id, request);
    }

    @GetMapping
    public RunningOrder.Show show(@PathVariable UUID id) {
        return runningOrder.show(id);
    }
}
