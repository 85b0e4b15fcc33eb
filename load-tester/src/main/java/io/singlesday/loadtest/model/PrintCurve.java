package io.singlesday.loadtest.model;

import io.singlesday.curve.Checkpoint;
import io.singlesday.curve.DayCurve;
import java.util.Locale;

/**
 * Prints the fitted curve against its checkpoints and what a replay would send:
 * {@code java -cp load-tester/target/classes io.singlesday.loadtest.model.PrintCurve [peak/s] [compression]}.
 */
public final class PrintCurve {

    private PrintCurve() {
    }

    public static void main(String[] args) {
        DayCurve curve = DayCurve.fit(Checkpoint.Y2019);
        System.out.print(curve.fitReport(Checkpoint.Y2019));
        double peak = args.length > 0 ? Double.parseDouble(args[0]) : 5.44;
        double compression = args.length > 1 ? Double.parseDouble(args[1]) : 60;
        try {
            LoadShape shape = new LoadShape(curve, peak, compression);
            System.out.printf(Locale.ROOT, "Replay at a peak of %.2f orders/s, %.0fx: %.0f s, about %,.0f orders, %d ramps%n",
                    peak, compression, shape.replaySeconds(), shape.totalOrders(), shape.segments(1).size());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }
}
