package io.singlesday.livestream.group;

import io.singlesday.contracts.Money;
import io.singlesday.contracts.orders.PlaceLivestreamCheckout;
import io.singlesday.livestream.checkout.Delivery;
import io.singlesday.livestream.session.SessionState;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.livestream.SentRecords;
import io.singlesday.livestream.session.Sessions;
import io.singlesday.platform.web.ApiProblem;
import io.singlesday.testsupport.WithRealEngines;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A group deal reaches its target exactly once under a crowd; one that closes short fails and stays failed. The
 * checkouts' fallback poll is an hour here, so the joiners' checkouts can only leave because reaching woke the sender.
 */
@SpringBootTest(properties = {"livestream.group-deals.check-every=200ms", "livestream.checkouts.fallback-poll=1h"})
@WithRealEngines(database = "livestream")
class GroupDealsTest {

    @Autowired
    GroupDeals deals;
    @Autowired
    Sessions sessions;
    @Autowired
    JdbcClient sql;

    private static final Delivery HOME = new Delivery("Li Wei", "1 Wensan Road", "Hangzhou", "Zhejiang", 30.27, 120.15, null);

    @Autowired
    EventCodec codec;

    private UUID liveSession() {
        Sessions.Channel channel = sessions.openChannel(new Sessions.ChannelRequest("Group", "Li"));
        UUID id = sessions.schedule(channel.id(), new Sessions.SessionRequest("Group buy", Sessions.Kind.REGULAR, Instant.now())).id();
        sessions.move(id, SessionState.LIVE);
        return id;
    }

    private GroupDeals.Deal offer(UUID session, int target, Duration open) {
        return deals.offer(session, new GroupDeals.DealRequest(UUID.randomUUID(), 5_900, "CNY", target, Instant.now().plus(open)));
    }

    @Test
    void aCrowdReachesTheTargetOnceAndEveryJoinCounts() throws Exception {
        GroupDeals.Deal deal = offer(liveSession(), 30, Duration.ofDays(1));
        try (ExecutorService crowd = Executors.newFixedThreadPool(16)) {
            for (int v = 0; v < 50; v++) {
                String viewer = "joiner-" + v;
                crowd.submit(() -> deals.join(deal.id(), viewer, HOME));
                crowd.submit(() -> deals.join(deal.id(), viewer, HOME)); // pressing twice is one join
            }
        }
        GroupDeals.Deal after = deals.find(deal.id());
        assertThat(after.state()).isEqualTo("REACHED");
        assertThat(after.joined()).isEqualTo(50);
        assertThat(deals.joiners(deal.id())).hasSize(50).doesNotHaveDuplicates();

        // Every joiner gets one checkout at the group price, however often they pressed.
        assertThat(deals.joinsOf("joiner-7")).filteredOn(j -> j.deal().id().equals(deal.id())).singleElement()
                .satisfies(j -> assertThat(j.outcome()).contains("checkout is placed at the group price"));
        List<PlaceLivestreamCheckout> placed = placedFor(deal.id(), 50, Duration.ofSeconds(15));
        assertThat(placed).hasSize(50);
        assertThat(placed).extracting(PlaceLivestreamCheckout::shopperId).doesNotHaveDuplicates();
        assertThat(placed).allSatisfy(c -> {
            assertThat(c.unitPrice()).isEqualTo(Money.fen(5_900));
            assertThat(c.quantity()).isEqualTo(1);
            assertThat(c.offer()).isEqualTo(PlaceLivestreamCheckout.Offer.GROUP_DEAL);
            assertThat(c.stockHold()).as("a group buy reserves as any checkout does").isNull();
            assertThat(c.checkoutId()).isEqualTo(deals.join(deal.id(), c.shopperId(), HOME).checkoutId());
        });
    }

    private List<PlaceLivestreamCheckout> placedFor(UUID dealId, int expected, Duration within) {
        return SentRecords.await(codec, "orders.commands", PlaceLivestreamCheckout.class, c -> c.offerId().equals(dealId),
                expected, within);
    }

    @Test
    void aDealThatClosesShortFailsAndTakesNoMoreJoins() throws Exception {
        GroupDeals.Deal deal = offer(liveSession(), 10, Duration.ofSeconds(2));
        deals.join(deal.id(), "early-1", HOME);
        deals.join(deal.id(), "early-2", HOME);
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline && !deals.find(deal.id()).state().equals("FAILED")) {
            Thread.sleep(100);
        }
        GroupDeals.Deal failed = deals.find(deal.id());
        assertThat(failed.state()).isEqualTo("FAILED");
        assertThat(failed.joined()).isEqualTo(2);
        assertThatThrownBy(() -> deals.join(deal.id(), "late", HOME)).isInstanceOf(ApiProblem.class).hasMessageContaining("closed");
        assertThat(sql.sql("select decided_at from group_deals where id = ?").param(deal.id()).query(Timestamp.class).single()).isNotNull();
        // The send pass runs every 200 ms here; a few seconds past FAILED it would have sent anything it was going to.
        assertThat(placedFor(deal.id(), 1, Duration.ofSeconds(3))).as("nobody is charged").isEmpty();
        assertThat(deals.joinsOf("early-1")).filteredOn(j -> j.deal().id().equals(deal.id())).singleElement()
                .satisfies(j -> {
                    assertThat(j.outcome()).contains("nobody is charged");
                    assertThat(j.checkout()).isNull();
                });
    }

    @Test
    void aDealMustCloseInTheFuture() {
        UUID session = liveSession();
        assertThatThrownBy(() -> offer(session, 5, Duration.ofSeconds(-1))).isInstanceOf(ApiProblem.class)
                .hasMessageContaining("future");
    }
}
