package io.singlesday.catalog.brushing;

import io.singlesday.catalog.brushing.BrushingRules.Signal;
import io.singlesday.catalog.ranking.SalesRanking;
import io.singlesday.contracts.Money;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.web.ApiProblem;
import io.singlesday.platform.web.KeysetPage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The review queue: orders the detector suspected, each with the signals that explain it, and the operators'
 * decisions. Confirming keeps the order out of the tallies; dismissing puts what it still counts for back. A case is
 * decided once, and every decision is kept with who made it. A brand reads its own stores' cases and no one else's;
 * a case of another brand is, to it, a case that does not exist.
 */
@Service
public class BrushingCases {

    private static final TypeReference<List<Signal>> SIGNALS = new TypeReference<>() {
    };
    private static final String COLUMNS = """
            order_id, checkout_id, store_id, brand_id, confirmed_at, signals, score, verdict, flagged_at, decided_at,
            (select coalesce(sum((l->>'paidFen')::bigint), 0) from jsonb_array_elements(lines) l)""";

    public enum State { SUSPECTED, CONFIRMED, DISMISSED }

    public enum Decision { CONFIRM, DISMISS }

    public record Case(UUID orderId, UUID checkoutId, UUID storeId, UUID brandId, Instant confirmedAt, Money stillCounting,
                       int score, List<Signal> signals, State state, Instant flaggedAt, Instant decidedAt,
                       List<Audit> decisions) {
    }

    /** One decision as it was made. */
    public record Audit(String decision, String decidedBy, String note, Instant decidedAt, String requestId) {
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "BrushingCasePage")
    public record Page(List<Case> items, UUID next) implements KeysetPage {
    }

    /** A store's orders and how many the detector holds against it: the store's own score. */
    public record StoreScore(UUID storeId, UUID brandId, long orders, long suspected, long confirmed, long dismissed,
                             int suspectedPercent) {
    }

    private final JdbcClient sql;
    private final BrushingDetector detector;
    private final SalesRanking ranking;
    private final FestivalClock clock;
    private final JsonMapper json;

    public BrushingCases(JdbcClient sql, BrushingDetector detector, SalesRanking ranking, FestivalClock clock, JsonMapper json) {
        this.sql = sql;
        this.detector = detector;
        this.ranking = ranking;
        this.clock = clock;
        this.json = json;
    }

    /** Cases in order id order, one state, all brands' or one brand's ({@code brand} null: all). */
    public Page list(State state, UUID brand, UUID store, UUID after, int limit) {
        List<Case> page = sql.sql("select " + COLUMNS + """
                 from brushing_orders where verdict = :state
                   and (cast(:brand as uuid) is null or brand_id = cast(:brand as uuid))
                   and (cast(:store as uuid) is null or store_id = cast(:store as uuid))
                   and (cast(:after as uuid) is null or order_id > cast(:after as uuid))
                 order by order_id limit :limit""")
                .param("state", state.name()).param("brand", brand).param("store", store).param("after", after)
                .param("limit", limit + 1)
                .query((rs, n) -> caseOf(rs, List.of()))
                .list();
        boolean more = page.size() > limit;
        List<Case> items = more ? page.subList(0, limit) : page;
        return new Page(List.copyOf(items), more ? items.getLast().orderId() : null);
    }

    /** A case with its decisions; {@code brand} non-null limits it to that brand's. Never a cleared order. */
    public Optional<Case> one(UUID orderId, UUID brand) {
        List<Audit> audit = sql.sql("""
                select decision, decided_by, note, decided_at, request_id from brushing_decisions where order_id = ? order by id""")
                .param(orderId)
                .query((rs, n) -> new Audit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                        rs.getString(5)))
                .list();
        return sql.sql("select " + COLUMNS + " from brushing_orders where order_id = ? and verdict <> 'CLEAR'")
                .param(orderId)
                .query((rs, n) -> caseOf(rs, audit))
                .optional()
                .filter(c -> brand == null || c.brandId().equals(brand));
    }

    /** An operator's decision on a suspected order: 404 for an order that is not a case, 409 once it is decided. */
    @Transactional
    public Case decide(UUID orderId, Decision decision, String operator, String note, String requestId) {
        // The window first, as the sales consumer takes it, so the two never wait on each other in opposite order.
        LocalDate firstDay = ranking.holdWindow();
        String verdict = sql.sql("select verdict from brushing_orders where order_id = ? for update")
                .param(orderId).query(String.class).optional()
                .filter(v -> !"CLEAR".equals(v))
                .orElseThrow(() -> ApiProblem.notFound("No brushing case for order " + orderId));
        if (!"SUSPECTED".equals(verdict)) {
            throw ApiProblem.conflict("The case of order " + orderId + " was already decided: " + verdict);
        }
        Instant now = clock.instant();
        boolean dismiss = decision == Decision.DISMISS;
        sql.sql("update brushing_orders set verdict = ?, counted = ?, decided_at = ? where order_id = ?")
                .params(dismiss ? "DISMISSED" : "CONFIRMED", dismiss, Timestamp.from(now), orderId).update();
        sql.sql("""
                insert into brushing_decisions (order_id, decision, decided_by, note, decided_at, request_id)
                values (?, ?, ?, ?, ?, ?)""")
                .params(orderId, decision.name(), operator, note, Timestamp.from(now), requestId).update();
        if (dismiss) {
            BrushingDetector.Row row = detector.row(orderId).orElseThrow();
            detector.count(row.confirmedAt(), row.lines(), 1, firstDay);
        }
        return one(orderId, null).orElseThrow();
    }

    /** Stores with suspected or confirmed orders, most suspected first; {@code brand} non-null: that brand's only. */
    public List<StoreScore> stores(UUID brand, int limit) {
        return sql.sql("""
                select store_id, min(brand_id::text)::uuid, count(*), count(*) filter (where verdict = 'SUSPECTED'),
                       count(*) filter (where verdict = 'CONFIRMED'), count(*) filter (where verdict = 'DISMISSED')
                from brushing_orders
                where store_id in (select store_id from brushing_orders where verdict <> 'CLEAR'
                                     and (cast(:brand as uuid) is null or brand_id = cast(:brand as uuid)))
                group by store_id
                order by count(*) filter (where verdict in ('SUSPECTED', 'CONFIRMED')) desc, store_id limit :limit""")
                .param("brand", brand).param("limit", limit)
                .query((rs, n) -> {
                    long orders = rs.getLong(3);
                    long held = rs.getLong(4) + rs.getLong(5);
                    return new StoreScore(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), orders, rs.getLong(4),
                            rs.getLong(5), rs.getLong(6), (int) (held * 100 / Math.max(1, orders)));
                })
                .list();
    }

    private Case caseOf(ResultSet rs, List<Audit> audit) throws SQLException {
        Timestamp flagged = rs.getTimestamp(9);
        Timestamp decided = rs.getTimestamp(10);
        return new Case(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                rs.getObject(4, UUID.class), rs.getTimestamp(5).toInstant(), Money.fen(rs.getLong(11)), rs.getInt(7),
                json.readValue(rs.getString(6), SIGNALS), State.valueOf(rs.getString(8)),
                flagged == null ? null : flagged.toInstant(), decided == null ? null : decided.toInstant(), audit);
    }
}
