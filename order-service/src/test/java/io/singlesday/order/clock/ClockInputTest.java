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

    private final String operatorSubject = "ops-clock-" + java.util.UUID.randomUUID();
    private final String clockOperator = io.singlesday.testsupport.Tokens.operator(operatorSubject);

    @Test
    void anImpossibleFestivalTimeIsA400NamingTheFieldAndChangesNothing() throws Exception {
        String[] refused = {
                "{\"festivalTime\":\"+999999999-12-31T23:59:59Z\",\"speed\":1}",
                "{\"festivalTime\":\"-999999999-01-01T00:00:00Z\"}",
                "{\"festivalTime\":1731254400,\"speed\":1}",
                "{\"festivalTime\":\"2026-11-11T00:00:00\\u0000Z\",\"speed\":1}"};
        for (String body : refused) {
            HttpResponse<String> answer = call("PUT", "/api/clock", clockOperator, body);
            Http.assertProblem(answer, 400);
            assertThat(answer.body()).as(body).contains("festivalTime").doesNotContain("java.", "tools.jackson");
        }
        // Other tests in this context move the clock too, so what is checked is that this operator's refused changes
        // were never published: a change applied here would name its sender, here or a moment later from the broker.
        Thread.sleep(1_000);
        String after = call("GET", "/api/clock", null, null).body();
        assertThat(after).doesNotContain(operatorSubject);
        assertThat(field(after, "festivalTime")).startsWith("20");
    }
}
