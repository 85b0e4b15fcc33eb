package io.singlesday.order.query;

import io.singlesday.platform.identity.Caller;
import io.singlesday.platform.web.ApiProblem;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

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

    /**
     * The caller's own orders, newest first, a page at a time: pass the answer's {@code next} as {@code after} (or
     * follow the Link header). {@code page}/{@code size} are the offset form of the previous release, kept for one more.
     */
    @GetMapping
    @io.swagger.v3.oas.annotations.Operation(operationId = "myOrders", summary = "The caller's orders, newest first, a page at a time")
    public OrderQueries.OrderPage mine(
            @io.swagger.v3.oas.annotations.Parameter(description = "The previous page's next") @RequestParam(required = false) UUID after,
            @RequestParam(defaultValue = "20") int limit,
            @io.swagger.v3.oas.annotations.Parameter(deprecated = true, description = "Offset paging of the previous release; use after")
            @RequestParam(required = false) Integer page,
            @io.swagger.v3.oas.annotations.Parameter(deprecated = true, description = "With page; use limit")
            @RequestParam(required = false) Integer size, Authentication auth) {
        int pageSize = size != null ? size : limit;
        if (pageSize < 1 || pageSize > 100) {
            throw ApiProblem.badRequest(size != null ? "size must be between 1 and 100" : "limit must be between 1 and 100");
        }
        String shopper = Caller.of(auth).subject();
        if (page != null || size != null) {
            if (page != null && page < 0) {
                throw ApiProblem.badRequest("page must be 0 or more");
            }
            return queries.mineAtOffset(shopper, page == null ? 0 : page, pageSize);
        }
        return queries.mine(shopper, after, pageSize);
    }
}
