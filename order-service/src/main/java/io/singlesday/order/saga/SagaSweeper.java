package io.singlesday.order.saga;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.singlesday.contracts.orders.OrderCancelled.Reason;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/**
 * What keeps sagas from hanging: participants that did not answer in time, payments nobody is running (after a
 * crash), and anything still open past the festival-time limit. Each action re-checks the state under the
 * checkout's lock, so several instances sweeping at once do each thing once.
 */
@Component
public class SagaSweeper {

    private final JdbcClient sql;
    private final CheckoutSaga saga;
    private final PaymentStarter payments;
    private final SagaProperties properties;
    private final Counter stuck;

    public SagaSweeper(JdbcClient sql, CheckoutSaga saga, PaymentStarter payments, SagaProperties properties,
                       MeterRegistry meters) {
        this.sql = sql;
        this.saga = saga;
        this.payments = payments;
        this.properties = properties;
        this.stuck = Counter.builder("festival.orders.stuck.cancelled")
                .description("checkouts cancelled by the sweeper because they stayed open too long").register(meters);
    }

    @Scheduled(fixedDelayString = "${order.saga.sweep-every}")
    public void sweep() {
        if (!anyOpen()) {
            // An idle service's sweep: one look along the open-checkouts index instead of three.
            return;
        }
        // Stuck first: a checkout long past its deadline is stuck whatever it waits for, not merely late.
        cancelStuck();
        timeOutSilentParticipants();
        resumePayments();
    }

    private boolean anyOpen() {
        return Boolean.TRUE.equals(sql.sql("""
                select exists (select 1 from checkouts where state in ('AWAITING_PARTICIPANTS', 'PAYING'))""")
                .query(Boolean.class).single());
    }

    void timeOutSilentParticipants() {
        record Late(UUID id, int ordersPending, String coupons) {
        }
        sql.sql("""
                select id, orders_pending, coupons_state from checkouts
                where state = 'AWAITING_PARTICIPANTS' and deadline < now() order by deadline limit 200""")
                .query((rs, n) -> new Late(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3))).list()
                .forEach(late -> saga.cancelIfIn(late.id(), List.of(CheckoutState.AWAITING_PARTICIPANTS),
                        Reason.PARTICIPANT_TIMEOUT, "no answer in " + properties.participantTimeout() + " from "
                                + (late.ordersPending() > 0 ? "the catalog (stock)" : "")
                                + (late.ordersPending() > 0 && "REQUESTED".equals(late.coupons()) ? " and " : "")
                                + ("REQUESTED".equals(late.coupons()) ? "the coupon service" : "")));
    }

    void resumePayments() {
        record Unpaid(UUID id, long amount, String currency) {
        }
        sql.sql("""
                select id, payable_fen, currency from checkouts
                where state = 'PAYING' and payment_started < now() - make_interval(secs => ?) limit 200""")
                .param(properties.paymentRecoverAfter().toMillis() / 1000.0)
                .query((rs, n) -> new Unpaid(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3))).list()
                .stream().filter(unpaid -> !payments.isRunning(unpaid.id()))
                .forEach(unpaid -> payments.start(unpaid.id(), unpaid.amount(), unpaid.currency()));
    }

    /**
     * Wall time, like the deadline it counts from: on a compressed day festival time runs 60 times faster than the
     * processes, and a limit in festival time cancelled checkouts that were only riding out a restart.
     */
    void cancelStuck() {
        sql.sql("""
                select id from checkouts where state in ('AWAITING_PARTICIPANTS', 'PAYING')
                and deadline < now() - make_interval(secs => ?) order by deadline limit 200""")
                .param(properties.stuckAfter().toMillis() / 1000.0).query(UUID.class).list()
                .forEach(id -> {
                    if (saga.cancelIfIn(id, List.of(CheckoutState.AWAITING_PARTICIPANTS, CheckoutState.PAYING),
                            Reason.STUCK, "still open " + properties.stuckAfter() + " after its participants' deadline")) {
                        stuck.increment();
                    }
                });
    }
}
