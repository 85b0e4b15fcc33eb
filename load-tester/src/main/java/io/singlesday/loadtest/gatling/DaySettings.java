package io.singlesday.loadtest.gatling;

import io.singlesday.curve.Checkpoint;
import io.singlesday.curve.DayCurve;
import io.singlesday.loadtest.model.LoadShape;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * What a festival-day run is asked to do. Read from system properties because Gatling instantiates the simulation
 * itself: {@code ./festival day --peak 5} and {@code ./mvnw -pl load-tester gatling:test -Dpeak=5} both end here.
 *
 * @param peak        checkouts per second at the midnight peak
 * @param compression how many times faster than real time the day runs (60: the day in 24 minutes)
 * @param minutes     how much of the compressed day to run, from midnight
 * @param eveSeconds  the eve before midnight, compressed: shoppers fill carts and claim coupons
 * @param shoppers    distinct shopper identities the load is spread over
 * @param steady      checkouts per second held flat for {@code minutes} instead of the day's curve (0: the curve);
 *                    how the platform's capacity is measured
 * @param rushShare   with {@code steady}: the share of checkouts (0 to 0.9) that all buy one SKU, a hot product's
 *                    rush, measured apart from the others ("checkout, the rush SKU"); 0 keeps the day's mix
 * @param brushing    the share of the run's stores (0 to 0.5) that fake sales through rings of sock puppets; the
 *                    verdict then scores the platform's brushing detector ({@link Brushing})
 */
public record DaySettings(URI target, double peak, double compression, double minutes, double eveSeconds, int shoppers,
                          double steady, double rushShare, Path summary, String chaos, URI faults, double brushing) {

    static final DayCurve CURVE = DayCurve.fit(Checkpoint.Y2019);

    public DaySettings {
        // The curve's own limits (peak, compression) are checked by LoadShape with messages of their own.
        new LoadShape(CURVE, peak, compression);
        if (!(minutes > 0 && minutes <= 24 * 60)) {
            throw new IllegalArgumentException("minutes must be more than 0 and at most 1440, not " + minutes);
        }
        if (!(eveSeconds >= 0 && eveSeconds <= 600)) {
            throw new IllegalArgumentException("eve must be between 0 and 600 seconds, not " + eveSeconds);
        }
        if (shoppers < 1 || shoppers > 100_000) {
            throw new IllegalArgumentException("shoppers must be between 1 and 100000, not " + shoppers);
        }
        if (!(steady >= 0 && steady <= LoadShape.MAX_PEAK)) {
            throw new IllegalArgumentException("steady must be between 0 (the day's curve) and 100000 checkouts per second, not " + steady);
        }
        if (!(rushShare >= 0 && rushShare <= 0.9)) {
            throw new IllegalArgumentException("rush-share must be between 0 and 0.9 of the checkouts, not " + rushShare);
        }
        if (rushShare > 0 && steady == 0) {
            throw new IllegalArgumentException("rush-share needs --steady: the rush is measured at a flat rate");
        }
        if (!(brushing >= 0 && brushing <= 0.5)) {
            throw new IllegalArgumentException("brushing must be between 0 and 0.5 of the stores, not " + brushing);
        }
        if (brushing > 0 && steady > 0) {
            throw new IllegalArgumentException("brushing needs the day's curve, not --steady: rings brush alongside the day's shoppers");
        }
        List<String> faulted = Chaos.parse(chaos);
        if (!faulted.isEmpty() && minutes * 60 < 30 * faulted.size()) {
            throw new IllegalArgumentException("a chaos day needs at least 30 s of load per fault: " + faulted.size()
                    + " faults need --minutes " + Math.ceil(faulted.size() / 2.0) + " or more, not " + minutes);
        }
        if (!faulted.isEmpty() && (faults.getScheme() == null || !faults.getScheme().startsWith("http"))) {
            throw new IllegalArgumentException("faults must be the fault switch's http URL, not " + faults);
        }
        if (target.getScheme() == null || !target.getScheme().startsWith("http")) {
            throw new IllegalArgumentException("target must be an http(s) URL, not " + target);
        }
    }

    public static DaySettings from(Properties p) {
        try {
            return new DaySettings(URI.create(p.getProperty("target", "http://localhost:8080")),
                    Double.parseDouble(p.getProperty("peak", "5.44")),
                    Double.parseDouble(p.getProperty("compression", "60")),
                    Double.parseDouble(p.getProperty("minutes", "2")),
                    Double.parseDouble(p.getProperty("eve", "10")),
                    Integer.parseInt(p.getProperty("shoppers", "200")),
                    Double.parseDouble(p.getProperty("steady", "0")),
                    Double.parseDouble(p.getProperty("rush-share", "0")),
                    Path.of(p.getProperty("summary.file", "load-summary.md")),
                    p.getProperty("chaos", ""),
                    URI.create(p.getProperty("faults", "http://127.0.0.1:8079/faults")),
                    Double.parseDouble(p.getProperty("brushing", "0")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + e.getMessage(), e);
        }
    }

    List<String> chaosTargets() {
        return Chaos.parse(chaos);
    }

    LoadShape shape() {
        return new LoadShape(CURVE, peak, compression);
    }

    /** Real seconds of the compressed day, from midnight, that the run covers (all of {@code minutes} when steady). */
    double daySeconds() {
        return steady > 0 ? minutes * 60 : Math.min(shape().replaySeconds(), minutes * 60);
    }
}
