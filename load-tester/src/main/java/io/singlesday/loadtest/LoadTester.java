package io.singlesday.loadtest;

import io.singlesday.loadtest.gatling.DaySettings;
import io.singlesday.loadtest.gatling.FestivalDaySimulation;
import io.singlesday.loadtest.gatling.LastRun;
import io.singlesday.loadtest.model.PrintCurve;
import io.singlesday.loadtest.replay.Replay;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The load tester's one jar:
 * <pre>
 * day [--target URL] [--peak N] [--compression N] [--minutes N] [--eve S] [--shoppers N] [--results DIR]
 *     the festival day through Gatling, then its verdict; exit 1 when the verdict fails, 2 on bad options
 * day ... --brushing SHARE
 *     that share of the run's stores fake sales through sock puppets; the verdict scores the brushing detector
 * day --steady N --minutes M [--rush-share F]
 *     checkouts only, at a flat N per second: the capacity measurement; with a rush share, that share of them all
 *     buy one SKU (a hot product's rush), reported apart from the others
 * replay FILE [--target URL] [--speed N] [--skip-bad-lines] [--summary FILE]
 *     a gateway recording played back
 * curve [PEAK [COMPRESSION]]
 *     the fitted day and what a run would send
 * </pre>
 */
public final class LoadTester {

    private static final Map<String, String> DAY_OPTIONS = Map.ofEntries(Map.entry("--target", "target"), Map.entry("--peak", "peak"),
            Map.entry("--compression", "compression"), Map.entry("--minutes", "minutes"), Map.entry("--eve", "eve"),
            Map.entry("--shoppers", "shoppers"), Map.entry("--steady", "steady"), Map.entry("--rush-share", "rush-share"),
            Map.entry("--chaos", "chaos"), Map.entry("--faults", "faults"), Map.entry("--brushing", "brushing"));

    private LoadTester() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (command) {
            case "day" -> System.exit(day(rest));
            case "replay" -> Replay.main(rest);
            case "curve" -> PrintCurve.main(rest);
            default -> {
                System.err.println("usage: day [--peak N --compression N --minutes N --eve S --shoppers N --steady N [--rush-share F] [--chaos all|TARGET,...] [--faults URL] [--brushing SHARE] --target URL --results DIR]"
                        + " | replay FILE [--speed N] | curve [PEAK [COMPRESSION]]");
                System.exit(command.equals("help") ? 0 : 2);
            }
        }
    }

    public static int day(String[] args) {
        Path results = Path.of("load-results");
        for (int i = 0; i < args.length; i++) {
            String property = DAY_OPTIONS.get(args[i]);
            if (args[i].equals("--results") && i + 1 < args.length) {
                results = Path.of(args[++i]);
            } else if (property != null && i + 1 < args.length) {
                System.setProperty(property, args[++i]);
            } else {
                System.err.println("day: unknown option or missing value: " + args[i]);
                return 2;
            }
        }
        System.setProperty("summary.file", results.resolve("summary.md").toString());
        try {
            DaySettings.from(System.getProperties());
        } catch (IllegalArgumentException e) {
            System.err.println("day: " + e.getMessage());
            return 2;
        }
        try {
            int status = io.gatling.app.Gatling$.MODULE$.fromArgs(new String[]{
                    "--simulation", FestivalDaySimulation.class.getName(),
                    "--results-folder", results.toAbsolutePath().toString(),
                    "--run-description", "11.11 festival day",
                    "--launcher", "load-tester"});
            return status == 0 && Boolean.TRUE.equals(LastRun.passed()) ? 0 : 1;
        } catch (RuntimeException e) {
            // Gatling has printed the stack trace; the reason in one line is what a script's log should end with.
            System.err.println("day: the run failed: " + e.getMessage());
            return 1;
        }
    }
}
