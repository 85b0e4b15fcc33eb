package io.singlesday.logistics.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.singlesday.logistics.parcel.ParcelState;
import io.singlesday.platform.clock.FestivalClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What logistics operators watch: parcels created, in each state, delivered, the backlog (parcels not yet
 * delivered) by region and carrier, and the on-time rate. The same figures are metrics for the dashboards.
 */
@RestController
public class Operations {

    private final JdbcClient sql;
    private final FestivalClock clock;
    private final MultiGauge byState;
    private final MultiGauge backlogByCarrier;

    public Operations(JdbcClient sql, FestivalClock clock, MeterRegistry meters) {
        this.sql = sql;
        this.clock = clock;
        this.byState = MultiGauge.builder("festival.logistics.parcels").description("parcels by state").register(meters);
        this.backlogByCarrier = MultiGauge.builder("festival.logistics.backlog").description("parcels not yet delivered, by carrier")
                .register(meters);
    }

    public record Backlog(String name, long parcels, long late) {
    }

    public record View(Instant asOf, long created, long delivered, long cancelled, long backlog, long lateInBacklog,
                       String onTimePercent, Map<ParcelState, Long> byState, List<Backlog> byRegion,
                       List<Backlog> byCarrier, List<Backlog> byOrigin) {
    }

    @GetMapping("/api/logistics/operations")
    @PreAuthorize("hasRole('OPERATOR')")
    public View view() {
        Instant now = clock.instant();
        Map<ParcelState, Long> states = new EnumMap<>(ParcelState.class);
        for (ParcelState s : ParcelState.values()) {
            states.put(s, 0L);
        }
        sql.sql("select state, count(*) from parcels group by state")
                .query(rs -> {
                    states.put(ParcelState.valueOf(rs.getString(1)), rs.getLong(2));
                });
        long created = states.values().stream().mapToLong(Long::longValue).sum();
        long delivered = states.get(ParcelState.DELIVERED);
        long cancelled = states.get(ParcelState.CANCELLED);
        long onTime = sql.sql("select count(*) from parcels where state = 'DELIVERED' and delivered_at <= promised_by")
                .query(Long.class).single();
        List<Backlog> byRegion = backlog("province", now);
        long late = byRegion.stream().mapToLong(Backlog::late).sum();
        return new View(now, created, delivered, cancelled, created - delivered - cancelled, late,
                delivered == 0 ? null : BigDecimal.valueOf(onTime * 100).divide(BigDecimal.valueOf(delivered), 1,
                        RoundingMode.HALF_EVEN).toPlainString(),
                states, byRegion, backlog("coalesce(carrier_code, 'HEMA')", now), backlog("origin", now));
    }

    private List<Backlog> backlog(String column, Instant now) {
        return sql.sql("select " + column + ", count(*), count(*) filter (where promised_by < ?) from parcels"
                        + " where state not in ('DELIVERED', 'CANCELLED') group by 1 order by 2 desc, 1")
                .param(Timestamp.from(now))
                .query((rs, n) -> new Backlog(rs.getString(1), rs.getLong(2), rs.getLong(3))).list();
    }

    @Scheduled(fixedDelay = 5_000)
    void refreshMetrics() {
        View v = view();
        byState.register(v.byState().entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("state", e.getKey().name()), e.getValue())).toList(), true);
        Map<String, Long> carriers = new LinkedHashMap<>();
        v.byCarrier().forEach(b -> carriers.put(b.name(), b.parcels()));
        backlogByCarrier.register(carriers.entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("carrier", e.getKey()), e.getValue())).toList(), true);
    }
}
