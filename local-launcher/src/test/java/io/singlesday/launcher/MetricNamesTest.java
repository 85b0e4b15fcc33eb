package io.singlesday.launcher;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.singlesday.launcher.Manifests.HOME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One convention for the platform's own meters: {@code festival.<area>.<what>}, where the area is the module that
 * owns the meter (gateway, catalog, orders, coupons, livestream, logistics, gmv) or, for the shared library, the
 * mechanism it measures (outbox, kafka, retention), which any module may count into under the same name. Library
 * meters (jvm, http, hikaricp, kafka clients) keep their
 * own names. The Grafana dashboard may only chart meters that exist.
 */
class MetricNamesTest {

    /** Shared mechanisms: any module may count into them under the same name, so a dashboard sums them. */
    private static final Set<String> SHARED = Set.of("outbox", "kafka", "retention");

    private static final Map<String, Set<String>> AREAS = Map.of(
            "gateway", Set.of("gateway"),
            "catalog-service", Set.of("catalog"),
            "order-service", Set.of("orders"),
            "coupon-service", Set.of("coupons"),
            "livestream-service", Set.of("livestream"),
            "logistics-service", Set.of("logistics"),
            "gmv-counter-service", Set.of("gmv"),
            "platform-common", SHARED);

    /** A meter registered by name: a builder, or the registry's shorthand. */
    private static final Pattern REGISTERED = Pattern.compile(
            "(?:(?:Counter|Gauge|MultiGauge|Timer|DistributionSummary|FunctionCounter|FunctionTimer|LongTaskTimer)\\.builder"
                    + "|\\.(?:counter|gauge|timer|summary|gaugeCollectionSize|gaugeMapSize|more\\(\\)\\.counter))\\(\\s*\"([^\"]+)\"");

    @Test
    void everyMeterOfThePlatformIsNamedAfterItsArea() {
        List<Map.Entry<String, String>> meters = declaredMeters();
        assertThat(meters).hasSizeGreaterThan(15);
        meters.forEach(meter -> {
            String name = meter.getKey();
            String module = meter.getValue();
            assertThat(name).as("%s in %s", name, module).matches("festival\\.[a-z]+(\\.[a-z]+)+");
            String area = name.split("\\.")[1];
            assertThat(AREAS.get(module).contains(area) || SHARED.contains(area)).as("the area of %s in %s", name, module).isTrue();
        });
    }

    @Test
    void theDashboardChartsOnlyMetersThatExist() throws IOException {
        Set<String> exported = new HashSet<>();
        declaredMeters().forEach(meter -> exported.add(meter.getKey().replace('.', '_')));
        String dashboard = Files.readString(HOME.resolve("deploy/compose/grafana/dashboards/platform.json"));
        Matcher used = Pattern.compile("\\bfestival_[a-z_]+").matcher(dashboard);
        int charted = 0;
        while (used.find()) {
            String series = used.group();
            String base = series.replaceFirst("_(total|seconds_count|seconds_sum|seconds_bucket|seconds_max|seconds|count|sum|bucket|max)$", "");
            assertThat(exported).as("the dashboard's %s comes from a meter in the code", series).contains(base);
            charted++;
        }
        assertThat(charted).isGreaterThan(10);
    }

    @Test
    void theConventionCatchesAStrayName() {
        Matcher m = REGISTERED.matcher("meters.counter(\"orders.checkouts.cancelled\", \"reason\", r)");
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).doesNotMatch("festival\\.[a-z]+(\\.[a-z]+)+");
    }

    /** Every meter name in the modules' main sources, with the module that declares it (a name may recur). */
    private static List<Map.Entry<String, String>> declaredMeters() {
        List<Map.Entry<String, String>> meters = new ArrayList<>();
        for (String module : AREAS.keySet()) {
            try (Stream<Path> files = Files.walk(HOME.resolve(module).resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = REGISTERED.matcher(Files.readString(file));
                    while (m.find()) {
                        meters.add(Map.entry(m.group(1), module));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return meters;
    }

}
