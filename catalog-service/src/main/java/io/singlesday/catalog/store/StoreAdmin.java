package io.singlesday.catalog.store;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.catalog.ProductUnlisted;
import io.singlesday.contracts.catalog.StoreClosed;
import io.singlesday.platform.outbox.Outbox;
import io.singlesday.platform.web.ApiProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.UUID;

/** Operators close a store (a brand leaves, or breaks the rules): its products stop selling with it. */
@Service
public class StoreAdmin {

    private final JdbcClient sql;
    private final Outbox outbox;

    public StoreAdmin(JdbcClient sql, Outbox outbox) {
        this.sql = sql;
        this.outbox = outbox;
    }

    @Transactional
    public int close(UUID storeId, String reason) {
        UUID brand = sql.sql("update stores set status = 'CLOSED' where id = ? and status = 'OPEN' returning brand_id")
                .param(storeId).query(UUID.class).optional()
                .orElseThrow(() -> ApiProblem.notFound("No open store " + storeId));
        List<UUID> unlisted = sql.sql("update products set listed = false where store_id = ? and listed returning id")
                .param(storeId).query(UUID.class).list();
        outbox.appendAll(EventCatalog.PRODUCT_UNLISTED, unlisted.stream()
                .map(id -> new Outbox.Keyed<>(id.toString(), new ProductUnlisted(id, brand))).toList());
        outbox.append(EventCatalog.STORE_CLOSED, brand.toString(), new StoreClosed(storeId, brand, reason));
        return unlisted.size();
    }
}
