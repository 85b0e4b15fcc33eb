package io.singlesday.loadtest.gatling;

/**
 * The verdict of the last run in this JVM, for {@code ./festival day} to turn into an exit code: Gatling's own
 * status says whether its assertions held, not whether the platform lost an order.
 */
public final class LastRun {

    private static volatile Boolean passed;

    private LastRun() {
    }

    static void record(boolean verdict) {
        passed = verdict;
    }

    /** @return true or false once a run has given its verdict, null before */
    public static Boolean passed() {
        return passed;
    }
}
