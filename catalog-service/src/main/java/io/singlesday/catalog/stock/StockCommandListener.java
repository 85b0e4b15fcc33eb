package io.singlesday.catalog.stock;

import io.singlesday.contracts.topics.Topics;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.stock.CommitStock;
import io.singlesday.contracts.stock.HoldDropStock;
import io.singlesday.contracts.stock.ReleaseStock;
import io.singlesday.contracts.stock.ReserveStock;
import io.singlesday.contracts.stock.ReserveStockFromHold;
import io.singlesday.contracts.stock.ReleaseUnsoldStock;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.platform.kafka.UnreadableEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The catalog's side of the checkout saga. Every command is idempotent per order in the ledger itself, so a
 * redelivered command repeats the recorded answer instead of holding stock twice.
 */
@Component
public class StockCommandListener {

    private final StockLedger ledger;
    private final EventCodec codec;

    public StockCommandListener(StockLedger ledger, EventCodec codec) {
        this.ledger = ledger;
        this.codec = codec;
    }

    @KafkaListener(id = "catalog-stock-commands", topics = Topics.Names.CATALOG_STOCK_COMMANDS,
            concurrency = "${catalog.stock.consumers:2}")
    public void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope<?> command = codec.decode(record.value());
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
