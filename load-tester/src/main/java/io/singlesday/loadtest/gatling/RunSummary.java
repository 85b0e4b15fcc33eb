package io.singlesday.loadtest.gatling;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The run as Markdown: what was asked, what came back per request type, what the generator cost, the verdict. */
final class RunSummary {

    private RunSummary() {
    }

    static String markdown(DaySettings settings, double seconds, Map<String, Tally.Line> lines, Map<String, String> refusals,
                           String cpu, List<Verdict.Check> checks) {
        StringBuilder md = new StringBuilder();
        md.append("# Festival day run\n\n");
        if (settings.steady() > 0) {
            md.append(String.format(Locale.ROOT, "Against %s: checkouts only, a steady %s per second for %.1f minutes; %d shoppers.%n%n",
                    settings.target(), settings.steady(), settings.daySeconds() / 60, settings.shoppers()));
        } else {
            md.append(String.format(Locale.ROOT,
                    "Against %s: the fitted 2019 curve at a peak of %s checkouts/s, compressed %sx, %.1f minutes from midnight "
                            + "after a %s s eve; %d shoppers.%n%n",
                    settings.target(), settings.peak(), settings.compression(), settings.daySeconds() / 60,
                    settings.eveSeconds(), settings.shoppers()));
        }
        Tally.Line all = lines.get("all");
        md.append(String.format(Locale.ROOT, "- Throughput: %d requests in %.1f s, %.1f requests/s%n", all.count(), seconds,
                all.count() / Math.max(seconds, 0.001)));
        md.append(String.format(Locale.ROOT, "- Errors: %s server errors, %s without an answer, %s client errors; shed (429): %s%n",
                rate(all.serverErrors(), all.count()), rate(all.failed(), all.count()), rate(all.clientErrors(), all.count()),
                rate(all.shed(), all.count())));
        md.append("- Load generator: ").append(cpu).append("\n\n");
        md.append("| request | count | ok | 4xx | 429 | 5xx | no answer | p50 ms | p95 ms | p99 ms | max ms |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        lines.values().forEach(l -> md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d |%n",
                l.request(), l.count(), l.ok(), l.clientErrors(), l.shed(), l.serverErrors(), l.failed(), l.p50(), l.p95(),
                l.p99(), l.max())));
        if (!refusals.isEmpty()) {
            md.append("\nThe first refusal of each kind (sold out, over a limit, already caught and comment floods are part of the day):\n\n");
            refusals.forEach((what, body) -> md.append("- ").append(what).append(": `").append(body.replace('`', '\'')).append("`\n"));
        }
        md.append("\n## Verdict: ").append(passed(checks, all) ? "passed" : "FAILED").append("\n\n");
        md.append(String.format(Locale.ROOT, "- [%s] no server errors and every request answered (%d server errors, %d unanswered)%n",
                all.serverErrors() + all.failed() == 0 ? "x" : " ", all.serverErrors(), all.failed()));
        checks.forEach(c -> md.append("- [").append(c.passed() ? "x" : " ").append("] ").append(c.name()).append(": ")
                .append(c.detail()).append('\n'));
        return md.toString();
    }

    static boolean passed(List<Verdict.Check> checks, Tally.Line all) {
        return all.serverErrors() + all.failed() == 0 && checks.stream().allMatch(Verdict.Check::passed);
    }

    private static String rate(long part, long whole) {
        return whole == 0 ? "0" : String.format(Locale.ROOT, "%d (%.2f %%)", part, 100.0 * part / whole);
    }
}
