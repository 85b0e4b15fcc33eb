package io.singlesday.gmv.query;

import io.singlesday.gmv.counting.Figures;
import io.singlesday.gmv.scale.RunScales;
import org.springframework.stereotype.Component;

import java.math.BigInteger;

/**
 * The curve the screen compares with now. Without an announced run: the configured one ("2019 at 1:100,000").
 * With one: last year's shape over the run's whole-day orders, each worth what an order of this run has been worth
 * so far, so a run that keeps up with its curve reads level with last year whatever its scale, compression or
 * basket, and one that falls behind reads below it.
 */
@Component
public class LastYearComparison {

    private final PreviousYearCurve configured;
    private final RunScales scales;

    public LastYearComparison(PreviousYearCurve configured, RunScales scales) {
        this.configured = configured;
        this.scales = scales;
    }

    public PreviousYearCurve against(Figures total) {
        return scales.current().map(scale -> configured.scaledTo(dayTotalFen(scale.dayOrders(), total), scale.basis()))
                .orElse(configured);
    }

    /** The run's whole day in fen: its day's orders at the mean order value so far (none yet: nothing to compare). */
    public static long dayTotalFen(long dayOrders, Figures total) {
        if (total.orders() == 0) {
            return 0;
        }
        return BigInteger.valueOf(dayOrders).multiply(BigInteger.valueOf(total.gmvFen()))
                .divide(BigInteger.valueOf(total.orders())).longValueExact();
    }
}
