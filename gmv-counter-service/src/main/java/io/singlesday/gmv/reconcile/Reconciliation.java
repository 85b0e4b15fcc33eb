package io.singlesday.gmv.reconcile;

import io.singlesday.gmv.counting.FigureKeys;
import io.singlesday.gmv.counting.Figures;
import io.singlesday.gmv.query.FigureView;
import io.singlesday.platform.web.ApiProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.web.client.RestClientException;

/**
 * Compares the counter with the order service's own totals of confirmed orders, the system of record. The
 * counter trails by its flush and commit intervals, so a difference right after a burst is lag; one that stays
 * is a lost or doubled order. The caller's operator token is passed on, since both ends are operator-only.
 */
@RestController
public class Reconciliation {

    private final FigureView figures;
    private final RestClient orders;

    public Reconciliation(FigureView figures, @Value("${festival.gmv.orders-url}") String ordersUrl) {
        this.figures = figures;
        var factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
        factory.setReadTimeout(Duration.ofSeconds(10));
        this.orders = RestClient.builder().baseUrl(ordersUrl).requestFactory(factory).build();
    }

    public record Totals(long orders, long units, long gmvFen) {
    }

    public record Report(boolean matches, Totals counter, Totals orderService, Totals difference) {
    }

    private record OrderServiceTotals(long orders, long units, long paidFen, String currency) {
    }

    @GetMapping("/api/gmv/reconciliation")
    @PreAuthorize("hasRole('OPERATOR')")
    public Report reconcile(
            // The caller's own bearer token, passed on to the order service; the document's security scheme carries it.
            @io.swagger.v3.oas.annotations.Parameter(hidden = true) @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        Figures counted = figures.get(FigureKeys.TOTAL);
        OrderServiceTotals recorded;
        try {
            recorded = orders.get().uri("/api/orders/totals").header(HttpHeaders.AUTHORIZATION, authorization)
                    .retrieve().body(OrderServiceTotals.class);
        } catch (RestClientException e) {
            throw new ApiProblem(HttpStatus.BAD_GATEWAY, "The order service did not answer with its totals: "
                    + e.getMessage());
        }
        Totals counter = new Totals(counted.orders(), counted.units(), counted.gmvFen());
        Totals record = new Totals(recorded.orders(), recorded.units(), recorded.paidFen());
        Totals difference = new Totals(counter.orders() - record.orders(), counter.units() - record.units(),
                counter.gmvFen() - record.gmvFen());
        return new Report(difference.equals(new Totals(0, 0, 0)), counter, record, difference);
    }
}
