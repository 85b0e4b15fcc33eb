package io.singlesday.order.refund;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One refund as the shopper sees it: what went back and what it gave back, in integer fen. */
@io.swagger.v3.oas.annotations.media.Schema(name = "Refund")
public record RefundView(UUID id, UUID orderId, long amountFen, String currency, String reason, Instant refundedAt,
                         List<Line> lines) {

    @io.swagger.v3.oas.annotations.media.Schema(name = "RefundedLine")
    public record Line(int lineNo, int quantity, long amountFen) {
    }
}
