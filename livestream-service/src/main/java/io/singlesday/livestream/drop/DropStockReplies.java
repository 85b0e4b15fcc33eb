package io.singlesday.livestream.drop;

import io.singlesday.contracts.topics.Topics;
import io.singlesday.contracts.stock.StockReservationRejected;
import io.singlesday.contracts.stock.StockReserved;
import io.singlesday.platform.kafka.EventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The catalog's answers to the drops' stock reservations. The replies topic also carries the order saga's
 * answers; an id that is not a drop changes no row. A drop's stock is decided once (REQUESTED to HELD or
 * REJECTED), so a redelivered answer changes nothing either.
 */
@Component
class DropStockReplies {

    private final JdbcClient sql;
    private final EventCodec codec;

    DropStockReplies(JdbcClient sql, EventCodec codec) {
        this.sql = sql;
        this.codec = codec;
    }

    @KafkaListener(id = "livestream-drop-stock", groupId = "${spring.application.name}-drop-stock", topics = Topics.Names.CATALOG_STOCK_REPLIES)
    public void on(ConsumerRecord<String, byte[]> record) {
        switch (codec.decode(record.value()).payload()) {
            case StockReserved held -> sql.sql("update drops set stock_state = 'HELD' where id = ? and stock_state = 'REQUESTED'")
                    .param(held.orderId()).update();
            case StockReservationRejected rejected -> sql.sql("""
                    update drops set stock_state = 'REJECTED', stock_detail = ? where id = ? and stock_state = 'REQUESTED'""")
                    .params(rejected.reason().name(), rejected.orderId()).update();
            default -> {
            }
        }
    }
}
