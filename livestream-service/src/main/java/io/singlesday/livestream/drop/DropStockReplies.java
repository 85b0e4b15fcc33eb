package io.singlesday.livestream.drop;

import io.singlesday.contracts.topics.Topics;
import io.singlesday.contracts.stock.DropStockHeld;
import io.singlesday.contracts.stock.DropStockRefused;
import io.singlesday.contracts.EventCatalog;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.platform.kafka.EventTypeHeader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The catalog's answers to the drops' stock holds, on a topic that carries nothing else (the order saga's answers
 * travel apart). A drop's stock is decided once (REQUESTED to HELD or REJECTED), so a redelivered answer changes
 * nothing; a release's answer needs no step.
 */
@Component
class DropStockReplies {

    private static final EventTypeHeader.Wanted DECIDES_A_DROP =
            EventTypeHeader.anyOf(EventCatalog.DROP_STOCK_HELD, EventCatalog.DROP_STOCK_REFUSED);

    private final JdbcClient sql;
    private final EventCodec codec;

    DropStockReplies(JdbcClient sql, EventCodec codec) {
        this.sql = sql;
        this.codec = codec;
    }

    @KafkaListener(id = "livestream-drop-stock", groupId = "${spring.application.name}-drop-stock",
            topics = Topics.Names.CATALOG_DROP_STOCK_REPLIES)
    public void on(ConsumerRecord<String, byte[]> record) {
        if (!DECIDES_A_DROP.mayWant(record)) {
            return;
        }
        switch (codec.decode(record.value()).payload()) {
            case DropStockHeld held -> sql.sql("update drops set stock_state = 'HELD' where id = ? and stock_state = 'REQUESTED'")
                    .param(held.dropId()).update();
            case DropStockRefused refused -> sql.sql("""
                    update drops set stock_state = 'REJECTED', stock_detail = ? where id = ? and stock_state = 'REQUESTED'""")
                    .params(refused.reason().name(), refused.dropId()).update();
            default -> {
            }
        }
    }
}
