package io.singlesday.loadtest.gatling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * How much of the machine the load generator itself used while it ran. On a laptop the generator shares the CPU
 * with the platform it measures, so a run where it took a large share measured the generator as much as the stack.
 */
final class CpuShare {

    private final long startNanos = System.nanoTime();
    private final Duration startOwn = ownCpu();
    private final long[] startMachine = machineTicks();

    double wallSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** @return a sentence for the summary */
    String describe() {
        double wall = (System.nanoTime() - startNanos) / 1e9;
        double own = (ownCpu().toNanos() - startOwn.toNanos()) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        String line = String.format(Locale.ROOT, "the load generator used %.1f CPU-seconds in %.1f s: %.0f %% of %d cores",
                own, wall, 100 * own / (wall * cores), cores);
        long[] end = machineTicks();
        if (startMachine != null && end != null) {
            double busy = (end[0] - startMachine[0]) / 100.0; // USER_HZ is 100 on Linux
            if (busy > 0) {
                line += String.format(Locale.ROOT, "; the whole machine was busy for %.1f CPU-seconds, so the generator's share was %.0f %%",
                        busy, Math.min(100, 100 * own / busy));
            }
        }
        return line;
    }

    private static Duration ownCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Busy ticks of all cores since boot from /proc/stat, or null where there is none (macOS, Windows). */
    private static long[] machineTicks() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long busy = 0;
            // user nice system idle iowait irq softirq steal: everything but idle and iowait is work
            for (int i = 1; i < Math.min(cpu.length, 9); i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(cpu[i]);
                }
            }
            return new long[]{busy};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
