package io.singlesday.loadtest.gatling;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The run as Markdown: what was asked, what came back per request type, what the generator cost, the verdict. */
final class RunSummary {

    private RunSummary() {
    }

    /** A run that started fewer users on time than this share of what its profile offered did not test that load. */
    static final double SENT_SHARE_REQUIRED = 0.95;

    static String markdown(DaySettings settings, double seconds, double window, Map<String, Tally.Line> lines,
                           Map<String, Tally.Users> users, Map<String, String> refusals, String cpu, List<Verdict.Check> checks,
                           long confirmed, List<Chaos.Fault> faults) {
        boolean chaos = !faults.isEmpty();
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
        long offered = users.values().stream().mapToLong(Tally.Users::offered).sum();
        long onTime = users.values().stream().mapToLong(Tally.Users::startedOnTime).sum();
        md.append(String.format(Locale.ROOT, "- Offered: %d users in %.1f s (%.1f/s); sent on time: %d (%.1f/s)%s%n", offered,
                window, offered / Math.max(window, 0.001), onTime, onTime / Math.max(window, 0.001),
                sentEnough(users) ? "" : "; **the generator could not send what it offered**"));
        md.append(String.format(Locale.ROOT, "- Throughput: %d attempts sent in %.1f s (%.1f/s), %d answered (%.1f/s)%n", all.count(),
                seconds, all.count() / Math.max(seconds, 0.001), all.answered(), all.answered() / Math.max(seconds, 0.001)));
        Tally.Users checkouts = users.get("checkout at midnight");
        Tally.Line tries = lines.get("checkout");
        Tally.Line rush = lines.get(FestivalDaySimulation.RUSH_CHECKOUT);
        long tried = (tries == null ? 0 : tries.count()) + (rush == null ? 0 : rush.count());
        long shed = (tries == null ? 0 : tries.shed()) + (rush == null ? 0 : rush.shed());
        if (checkouts != null && tried > 0 && checkouts.started() > 0) {
            md.append(String.format(Locale.ROOT, "- Checkouts: %d shoppers pressed pay, %d tries (%.2f per checkout), %d shed (429)%n",
                    checkouts.started(), tried, (double) tried / checkouts.started(), shed));
        }
        md.append(String.format(Locale.ROOT, "- Goodput: %d checkouts confirmed, %.1f per second of load%n", confirmed,
                confirmed / Math.max(window, 0.001)));
        md.append(String.format(Locale.ROOT, "- Errors: %s server errors, %s without an answer, %s client errors; shed (429): %s%n",
                rate(all.serverErrors(), all.count()), rate(all.failed(), all.count()), rate(all.clientErrors(), all.count()),
                rate(all.shed(), all.count())));
        md.append("- Load generator: ").append(cpu).append("\n\n");
        md.append("| request | count | ok | 4xx | 429 | 5xx | no answer | p50 ms | p95 ms | p99 ms | max ms | p99 served | p99 shed |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        lines.values().forEach(l -> md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d |%n",
                l.request(), l.count(), l.ok(), l.clientErrors(), l.shed(), l.serverErrors(), l.failed(), l.p50(), l.p95(),
                l.p99(), l.max(), l.servedP99(), l.shedP99())));
        if (!refusals.isEmpty()) {
            md.append("\nThe first refusal of each kind (sold out, over a limit, already caught and comment floods are part of the day):\n\n");
            refusals.forEach((what, body) -> md.append("- ").append(what).append(": `").append(body.replace('`', '\'')).append("`\n"));
        }
        md.append("\n| scenario | offered | started | on time |\n|---|---:|---:|---:|\n");
        users.values().forEach(u -> md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d |%n", u.scenario(), u.offered(),
                u.started(), u.startedOnTime())));
        if (chaos) {
            md.append("\n## Faults (chaos day)\n\n| at s | target | how | outage s |\n|---:|---|---|---:|\n");
            faults.forEach(f -> md.append(String.format(Locale.ROOT, "| %.0f | %s | %s | %s |%n", f.atSeconds(), f.target(),
                    f.recovered() ? f.how() : "**" + f.error() + "**",
                    f.recovered() ? String.format(Locale.ROOT, "%.1f", f.outageMs() / 1000.0) : "-")));
            md.append("\nWhile a process is down, requests that need it may be answered 503 or not at all; on a chaos day those "
                    + "are counted above but do not fail the verdict. Its data checks, and the faults' own checks, must all hold.\n");
        }
        md.append("\n## Verdict: ").append(passed(checks, all, users, chaos) ? "passed" : "FAILED").append("\n\n");
        md.append(String.format(Locale.ROOT, "- [%s] the generator sent what it offered: %d of %d users started on time (at least %.0f %%)%n",
                sentEnough(users) ? "x" : " ", onTime, offered, SENT_SHARE_REQUIRED * 100));
        if (chaos) {
            md.append(String.format(Locale.ROOT, "- [x] server errors and unanswered requests while processes were down are counted, "
                    + "not judged (%d server errors, %d unanswered)%n", all.serverErrors(), all.failed()));
        } else {
            md.append(String.format(Locale.ROOT, "- [%s] no server errors and every request answered (%d server errors, %d unanswered)%n",
                    all.serverErrors() + all.failed() == 0 ? "x" : " ", all.serverErrors(), all.failed()));
        }
        checks.forEach(c -> md.append("- [").append(c.passed() ? "x" : " ").append("] ").append(c.name()).append(": ")
                .append(c.detail()).append('\n'));
        return md.toString();
    }

    /**
     * No 5xx, no attempt without an answer, the offered load really sent, and every data check: 429s are not errors.
     * On a chaos day the 5xx and the unanswered are expected while a process is down, so only the checks judge.
     */
    static boolean passed(List<Verdict.Check> checks, Tally.Line all, Map<String, Tally.Users> users, boolean chaos) {
        return (chaos || all.serverErrors() + all.failed() == 0) && sentEnough(users) && checks.stream().allMatch(Verdict.Check::passed);
    }

    static boolean sentEnough(Map<String, Tally.Users> users) {
        // One user of slack per scenario: Gatling rounds a constant rate's arrivals.
        return users.values().stream().allMatch(u -> u.startedOnTime() + 1 >= SENT_SHARE_REQUIRED * u.offered());
    }

    private static String rate(long part, long whole) {
        return whole == 0 ? "0" : String.format(Locale.ROOT, "%d (%.2f %%)", part, 100.0 * part / whole);
    }
}
