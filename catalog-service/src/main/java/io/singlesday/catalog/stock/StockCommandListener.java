package io.singlesday.catalog.stock;

import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.stock.CommitStock;
import io.singlesday.contracts.stock.HoldDropStock;
import io.singlesday.contracts.stock.ReleaseStock;
import io.singlesday.contracts.stock.ReleaseUnsoldStock;
import io.singlesday.contracts.stock.ReserveStock;
import io.singlesday.contracts.stock.ReserveStockFromHold;
import io.singlesday.contracts.stock.StockLine;
import io.singlesday.contracts.topics.Topics;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.platform.kafka.PollTransaction;
import io.singlesday.platform.kafka.UnreadableEventException;
import io.singlesday.platform.tracing.TraceHop;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The catalog's side of the checkout saga. Every command is idempotent per order in the ledger itself, so a
 * redelivered command repeats the recorded answer instead of holding stock twice. The commands of one poll share
 * one transaction ({@link PollTransaction}), which first locks every SKU row and drop hold they touch in id order,
 * so at the midnight peak many holds and sales cost one durable commit and two consumers never deadlock.
 */
@Component
public class StockCommandListener {

    private final StockLedger ledger;
    private final PollTransaction poll;

    public StockCommandListener(StockLedger ledger, EventCodec codec, TransactionTemplate transactions, TraceHop traces) {
        this.ledger = ledger;
        this.poll = new PollTransaction(transactions, codec, traces);
    }

    @KafkaListener(id = "catalog-stock-commands", topics = Topics.Names.CATALOG_STOCK_COMMANDS,
            concurrency = "${catalog.stock.consumers:2}", batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        poll.apply(records, command -> true, this::lockInOrder, this::apply);
    }

    private void lockInOrder(List<EventEnvelope<?>> commands) {
        if (commands.size() < 2) {
            // One command locks its own rows in SKU order; there is no order between commands to keep.
            return;
        }
        List<UUID> skus = new ArrayList<>();
        List<UUID> orders = new ArrayList<>();
        List<UUID> holds = new ArrayList<>();
        for (EventEnvelope<?> command : commands) {
            switch (command.payload()) {
                case ReserveStock reserve -> reserve.lines().stream().map(StockLine::skuId).forEach(skus::add);
                case HoldDropStock hold -> hold.lines().stream().map(StockLine::skuId).forEach(skus::add);
                case ReserveStockFromHold reserve -> holds.add(reserve.holdId());
                case ReleaseUnsoldStock unsold -> {
                    // It gives units back to the hold's SKUs: those rows are locked with the others, before the hold's.
                    holds.add(unsold.holdId());
                    orders.add(unsold.holdId());
                }
                case CommitStock commit -> orders.add(commit.orderId());
                case ReleaseStock release -> orders.add(release.orderId());
                default -> {
                }
            }
        }
        ledger.lockInOrder(skus, orders, holds);
    }

    private void apply(EventEnvelope<?> command) {
        switch (command.payload()) {
            case ReserveStock reserve -> {
                if (reserve.lines().isEmpty()) {
                    throw new UnreadableEventException("ReserveStock without lines for order " + reserve.orderId());
                }
                ledger.reserve(reserve.orderId(), reserve.lines());
            }
            case HoldDropStock hold -> {
                if (hold.lines().isEmpty()) {
                    throw new UnreadableEventException("HoldDropStock without lines for drop " + hold.dropId());
                }
                ledger.holdForDrop(hold.dropId(), hold.lines());
            }
            case ReserveStockFromHold reserve -> {
                if (reserve.lines().isEmpty()) {
                    throw new UnreadableEventException("ReserveStockFromHold without lines for order " + reserve.orderId());
                }
                ledger.reserve(reserve.orderId(), reserve.lines(), reserve.holdId());
            }
            case ReleaseUnsoldStock unsold -> ledger.releaseUnsold(unsold.holdId(), unsold.unitsSold());
            case CommitStock commit -> ledger.commit(commit.orderId());
            case ReleaseStock release -> ledger.release(release.orderId());
            default -> throw new UnreadableEventException(command.type() + " is not a stock command");
        }
    }
}
