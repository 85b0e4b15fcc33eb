package io.singlesday.order.clock;

import io.singlesday.order.OrderIntegrationTest;
import io.singlesday.testsupport.Http;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A clock change the platform cannot live with is refused before it is published, so no service adopts it: a time
 * at Java's limits (which used to answer 500 and be applied everywhere anyway), and a bare number.
 */
class ClockInputTest extends OrderIntegrationTest {

    @Test
    void anImpossibleFestivalTimeIsA400NamingTheFieldAndChangesNothing() throws Exception {
        String before = call("GET", "/api/clock", null, null).body();
        String[] refused = {
                "{\"festivalTime\":\"+999999999-12-31T23:59:59Z\",\"speed\":1}",
                "{\"festivalTime\":\"-999999999-01-01T00:00:00Z\"}",
                "{\"festivalTime\":1731254400,\"speed\":1}",
                "{\"festivalTime\":\"2026-11-11T00:00:00\\u0000Z\",\"speed\":1}"};
        for (String body : refused) {
            HttpResponse<String> answer = call("PUT", "/api/clock", operator, body);
            Http.assertProblem(answer, 400);
            assertThat(answer.body()).as(body).contains("festivalTime").doesNotContain("java.", "tools.jackson");
        }
        String after = call("GET", "/api/clock", null, null).body();
        assertThat(field(after, "speed")).isEqualTo(field(before, "speed"));
        assertThat(field(after, "setAt")).isEqualTo(field(before, "setAt"));
    }
}
