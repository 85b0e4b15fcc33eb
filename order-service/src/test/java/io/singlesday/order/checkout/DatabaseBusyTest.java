package io.singlesday.order.checkout;

import com.zaxxer.hikari.HikariDataSource;
import io.singlesday.order.OrderIntegrationTest;
import io.singlesday.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With every pooled connection taken, a request waits the pool's short connection time-out and is answered 429
 * with Retry-After, not 500 and not after Hikari's default half a minute; once connections are free it is served.
 */
class DatabaseBusyTest extends OrderIntegrationTest {

    @Autowired
    private DataSource dataSource;

    @Test
    void aRequestThatFindsNoFreeConnectionIsToldToComeBack() throws Exception {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        assertThat(pool.getConnectionTimeout()).isEqualTo(2_000);
        String path = "/api/orders/checkouts/" + UUID.randomUUID();
        List<Connection> taken = new ArrayList<>();
        HttpResponse<String> busy;
        try {
            while (taken.size() < pool.getMaximumPoolSize()) {
                taken.add(pool.getConnection());
            }
            busy = call("GET", path, shopper, null);
        } finally {
            for (Connection c : taken) {
                c.close();
            }
        }
        Http.assertProblem(busy, 429);
        assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(busy.body()).contains("busy");

        HttpResponse<String> served = call("GET", path, shopper, null);
        assertThat(served.statusCode()).as(served.body()).isEqualTo(404);
    }
}
