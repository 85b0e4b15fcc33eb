package io.singlesday.coupon;

import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.testsupport.Http;
import io.singlesday.testsupport.Tokens;
import io.singlesday.testsupport.WithRealEngines;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** One shared context with the real engines for the coupon service's tests, and the calls they all make. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealEngines(database = "coupons")
abstract class CouponIntegrationTest {

    protected static final Instant PAST = Instant.now().minus(Duration.ofDays(400));
    protected static final Instant FUTURE = Instant.now().plus(Duration.ofDays(400));

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient sql;
    @Autowired
    EventCodec codec;

    protected final String operator = Tokens.operator("ops-" + UUID.randomUUID());

    protected String base() {
        return "http://127.0.0.1:" + port;
    }

    protected HttpResponse<String> post(String path, String token, String json) throws Exception {
        return Http.send(base(), "POST", path, token, json);
    }

    protected static String field(String json, String name) {
        return Http.field(json, name);
    }
}
