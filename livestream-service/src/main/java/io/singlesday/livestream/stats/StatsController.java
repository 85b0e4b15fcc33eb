package io.singlesday.livestream.stats;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/** Live figures of a session, and the sessions ranked by what they sold. */
@RestController
@Validated
@RequestMapping("/api/livestreams")
public class StatsController {

    private final SessionSales sales;

    public StatsController(SessionSales sales) {
        this.sales = sales;
    }

    @GetMapping("/sessions/{id}/stats")
    public SessionSales.Stats stats(@PathVariable UUID id) {
        return sales.stats(id);
    }

    @GetMapping("/leaderboard")
    public List<SessionSales.Standing> leaderboard(@RequestParam(defaultValue = "10") @Min(1) @Max(100) int limit) {
        return sales.leaderboard(limit);
    }
}
