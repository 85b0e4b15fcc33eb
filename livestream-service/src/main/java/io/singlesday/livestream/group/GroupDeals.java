package io.singlesday.livestream.group;

import io.singlesday.livestream.audience.LiveFeed;
import io.singlesday.livestream.checkout.Delivery;
import io.singlesday.livestream.checkout.LiveCheckouts;
import jakarta.validation.Valid;
import io.singlesday.livestream.session.SessionState;
import io.singlesday.livestream.session.Sessions;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.web.ApiProblem;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Interactive group purchases: the KOL offers a group price if {@code targetBuyers} viewers join before the deal
 * closes. The live count goes to every watcher; reaching the target in time is decided once (REACHED), after which
 * every join becomes a checkout at the group price ({@code LiveCheckouts}); a deal that closes short is FAILED, no
 * checkout is ever placed for it, and every joiner is told that nobody is charged.
 */
@Service
public class GroupDeals {

    public record DealRequest(@NotNull UUID skuId, @Min(1) long groupPriceFen,
                              @NotNull @Pattern(regexp = "CNY", message = "group deals are priced in CNY") String currency,
                              @Min(2) @Max(100_000) int targetBuyers, @NotNull Instant closesAt) {
    }

    public record Deal(UUID id, UUID sessionId, UUID skuId, long groupPriceFen, String currency, int targetBuyers,
                       Instant closesAt, String state, int joined) {
    }

    /** Joining is a promise to buy at the group price, so it names where the goods would go. */
    public record JoinRequest(@NotNull @Valid Delivery delivery) {
    }

    /**
     * {@code checkout}: where the joiner follows the checkout placed at the group price once the target is reached;
     * it never appears if the deal fails.
     */
    public record Joined(Deal deal, UUID checkoutId, String checkout) {
    }

    /**
     * A viewer's own join, as they find it after leaving the stream: the deal's state and, once it is reached, the
     * checkout placed for them; a failed deal says nobody is charged.
     */
    public record MyJoin(Deal deal, Instant joinedAt, UUID checkoutId, String checkout, String outcome) {
    }

    private final JdbcClient sql;
    private final Sessions sessions;
    private final FestivalClock clock;
    private final LiveFeed feed;
    private final LiveCheckouts checkouts;
    private final JsonMapper json;

    public GroupDeals(JdbcClient sql, Sessions sessions, FestivalClock clock, LiveFeed feed, LiveCheckouts checkouts,
                      JsonMapper json) {
        this.checkouts = checkouts;
        this.json = json;
        this.sql = sql;
        this.sessions = sessions;
        this.clock = clock;
        this.feed = feed;
    }

    public Deal offer(UUID session, DealRequest r) {
        if (sessions.find(session).state() != SessionState.LIVE) {
            throw ApiProblem.unprocessable("Group deals are offered during a live session");
        }
        if (!r.closesAt().isAfter(clock.instant())) {
            throw ApiProblem.unprocessable("The deal must close in the future (festival time), not at " + r.closesAt());
        }
        UUID id = UUID.randomUUID();
        sql.sql("""
                insert into group_deals (id, session_id, sku_id, group_price_fen, currency, target_buyers, closes_at, state)
                values (?, ?, ?, ?, ?, ?, ?, 'OPEN')""")
                .params(id, session, r.skuId(), r.groupPriceFen(), r.currency(), r.targetBuyers(), Timestamp.from(r.closesAt())).update();
        return find(id);
    }

    /**
     * A viewer joins; joining twice is one join. Joins do not queue behind each other (a row each); the join that
     * finds the target reached moves the deal to REACHED, and the state guard lets exactly one of them do it.
     */
    @Transactional
    public Joined join(UUID dealId, String viewer, Delivery delivery) {
        Deal deal = find(dealId);
        if (deal.state().equals("FAILED") || !clock.instant().isBefore(deal.closesAt())) {
            throw ApiProblem.unprocessable("The group deal closed at " + deal.closesAt());
        }
        sql.sql("insert into group_joins (deal_id, viewer_id, joined_at, delivery) values (?, ?, ?, ?) on conflict do nothing")
                .params(dealId, viewer, Timestamp.from(clock.instant()), json.writeValueAsString(delivery)).update();
        int reached = sql.sql("""
                update group_deals set state = 'REACHED', decided_at = ? where id = ? and state = 'OPEN'
                and (select count(*) from group_joins where deal_id = ?) >= target_buyers""")
                .params(Timestamp.from(clock.instant()), dealId, dealId).update();
        Deal now = find(dealId);
        if (now.state().equals("REACHED")) {
            checkouts.saleCommitted();
        }
        feed.publish(now.sessionId(), reached == 1 ? "group-reached" : "group-progress", now);
        UUID checkoutId = LiveCheckouts.ofJoin(dealId, viewer);
        return new Joined(now, checkoutId, LiveCheckouts.location(checkoutId));
    }

    /**
     * Decides what the joins left open: a deal whose last joins committed side by side (each seeing the other's
     * row only after its own check) is REACHED here, within a tick; a deal that closed short fails, once, and
     * the show is told that nobody is charged.
     */
    @Scheduled(fixedDelayString = "${livestream.group-deals.check-every:1s}")
    public void decide() {
        Timestamp now = Timestamp.from(clock.instant());
        sql.sql("""
                update group_deals d set state = 'REACHED', decided_at = ? where state = 'OPEN'
                and (select count(*) from group_joins j where j.deal_id = d.id) >= d.target_buyers returning d.id""")
                .param(now).query(UUID.class).list()
                .forEach(id -> {
                    checkouts.saleCommitted();
                    feed.publish(find(id).sessionId(), "group-reached", find(id));
                });
        sql.sql("""
                update group_deals d set state = 'FAILED', decided_at = ? where state = 'OPEN' and closes_at <= ?
                and (select count(*) from group_joins j where j.deal_id = d.id) < d.target_buyers returning d.id""")
                .params(now, now).query(UUID.class).list()
                .forEach(id -> feed.publish(find(id).sessionId(), "group-failed", find(id)));
    }

    public Deal find(UUID id) {
        return sql.sql("select d.*, (select count(*) from group_joins j where j.deal_id = d.id) as joined from group_deals d where id = ?")
                .param(id).query(GroupDeals::row).optional().orElseThrow(() -> ApiProblem.notFound("No group deal " + id));
    }

    public List<MyJoin> joinsOf(String viewer) {
        record Joined(UUID dealId, Instant at) {
        }
        return sql.sql("select deal_id, joined_at from group_joins where viewer_id = ? order by joined_at desc limit 100")
                .param(viewer).query((rs, n) -> new Joined(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant())).list()
                .stream().map(j -> {
                    Deal deal = find(j.dealId());
                    UUID checkoutId = LiveCheckouts.ofJoin(deal.id(), viewer);
                    return switch (deal.state()) {
                        case "REACHED" -> new MyJoin(deal, j.at(), checkoutId, LiveCheckouts.location(checkoutId),
                                "The group reached its target: your checkout is placed at the group price");
                        case "FAILED" -> new MyJoin(deal, j.at(), null, null,
                                "The group closed short of its target: nobody is charged");
                        default -> new MyJoin(deal, j.at(), null, null,
                                deal.joined() + " of " + deal.targetBuyers() + " joined; the deal closes at " + deal.closesAt());
                    };
                }).toList();
    }

    public List<String> joiners(UUID id) {
        return sql.sql("select viewer_id from group_joins where deal_id = ? order by joined_at").param(id).query(String.class).list();
    }

    private static Deal row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Deal(rs.getObject("id", UUID.class), rs.getObject("session_id", UUID.class), rs.getObject("sku_id", UUID.class),
                rs.getLong("group_price_fen"), rs.getString("currency"), rs.getInt("target_buyers"),
                rs.getTimestamp("closes_at").toInstant(), rs.getString("state"), rs.getInt("joined"));
    }
}
