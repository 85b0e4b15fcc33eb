package io.singlesday.order.totals;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The order service's own count of what GMV means (the paid amount of confirmed orders), so the GMV counter's
 * figures can be reconciled against the system of record. An order counts once it was confirmed and was not
 * cancelled afterwards; shipping does not change that.
 */
@RestController
public class ConfirmedTotals {

    private final JdbcClient sql;

    public ConfirmedTotals(JdbcClient sql) {
        this.sql = sql;
    }

    public record Totals(long orders, long units, long paidFen, String currency) {
    }

    @GetMapping("/api/orders/totals")
    @PreAuthorize("hasRole('OPERATOR')")
    public Totals confirmed() {
        return sql.sql("""
                select count(*), coalesce(sum(o.paid_fen), 0),
                       coalesce(sum((select sum(l.quantity) from order_lines l where l.order_id = o.id)), 0)
                from orders o
                where o.confirmed_at is not null and o.state <> 'CANCELLED'""")
                .query((rs, n) -> new Totals(rs.getLong(1), rs.getLong(3), rs.getLong(2), "CNY"))
                .single();
    }
}
