package io.singlesday.discounts;

/**
 * What returning units of one line gives back: the line's paid amount (list price less its apportioned discounts)
 * split evenly over its units, the odd fen going to the earliest units (what {@link Apportion} gives equal weights). Returning units in any
 * number of steps therefore gives back, in all, exactly what the line was charged, never a fen more.
 */
public final class LineRefund {

    private LineRefund() {
    }

    /**
     * @param linePaidFen     what the whole line was charged
     * @param quantity        the line's units
     * @param returnedBefore  units of it already refunded
     * @param returningNow    units refunded now
     */
    public static long amountFen(long linePaidFen, int quantity, int returnedBefore, int returningNow) {
        if (quantity <= 0 || returnedBefore < 0 || returningNow <= 0 || returnedBefore + returningNow > quantity) {
            throw new IllegalArgumentException("cannot return " + returningNow + " of " + quantity + " units after "
                    + returnedBefore);
        }
        if (linePaidFen < 0) {
            throw new IllegalArgumentException("a line's paid amount must not be negative");
        }
        long base = linePaidFen / quantity;
        long odd = linePaidFen % quantity;
        long withOddFen = Math.max(0, Math.min(odd, returnedBefore + returningNow) - returnedBefore);
        return Math.addExact(Math.multiplyExact(base, returningNow), withOddFen);
    }
}
