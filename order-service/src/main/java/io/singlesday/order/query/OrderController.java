package io.singlesday.order.query;

import io.singlesday.platform.identity.Caller;
import io.singlesday.platform.web.ApiProblem;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/api/orders")
public class OrderController {

    private final OrderQueries queries;

    public OrderController(OrderQueries queries) {
        this.queries = queries;
    }

    /** The order with its lines and status timeline: for its shopper and operators; anyone else gets a 404. */
    @GetMapping("/{id:[0-9a-fA-F-]{36}}")
    public OrderQueries.OrderDetail order(@PathVariable UUID id, Authentication auth) {
        return queries.order(id, Caller.of(auth));
    }

    /** The caller's own orders, newest first. */
    @GetMapping
    public List<OrderQueries.OrderSummary> mine(@RequestParam(defaultValue = "0") int page,
                                                @RequestParam(defaultValue = "20") int size, Authentication auth) {
        if (page < 0 || size < 1 || size > 100) {
            throw ApiProblem.badRequest("page must be 0 or more and size between 1 and 100");
        }
        return queries.mine(Caller.of(auth).subject(), page, size);
    }
}
