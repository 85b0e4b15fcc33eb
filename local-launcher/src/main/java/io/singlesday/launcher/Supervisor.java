package io.singlesday.launcher;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Starts a service again when its process exits without being asked to, as Kubernetes restarts a pod: a crash, an
 * out-of-memory exit or a {@code kill -9} from outside leaves the platform degraded for a restart's time, not until
 * someone notices. A service that keeps dying waits longer each time (1 s, doubling to at most 30 s, counted again
 * from 1 s once a run lasted 5 minutes). Every restart is told on the launcher's output and in the service's log.
 */
final class Supervisor {

    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofSeconds(30);
    static final Duration STABLE_AFTER = Duration.ofMinutes(5);

    private final Supplier<List<ServiceProcess>> processes;
    private final Function<ServiceProcess, ServiceProcess> startAgain;
    private final PrintStream out;
    private final Map<String, Integer> quickExits = new HashMap<>();
    private final Map<String, Integer> restarts = new HashMap<>();
    private volatile boolean running = true;
    private final Thread thread;

    /** {@code startAgain}: starts the process's service as it was started, returns the new process once it runs. */
    Supervisor(Supplier<List<ServiceProcess>> processes, Function<ServiceProcess, ServiceProcess> startAgain, PrintStream out) {
        this.processes = processes;
        this.startAgain = startAgain;
        this.out = out;
        this.thread = Thread.ofPlatform().daemon().name("festival-supervisor").start(this::watch);
    }

    /** The delay before the next start of a service that died after {@code quickExitsBefore} runs shorter than 5 minutes. */
    static Duration delayAfter(int quickExitsBefore) {
        long seconds = FIRST_DELAY.toSeconds() << Math.min(quickExitsBefore, 5);
        return Duration.ofSeconds(Math.min(seconds, MAX_DELAY.toSeconds()));
    }

    /** {@code name}: a process's name, its module for a service's first instance ({@link ServiceProcess#name()}). */
    int restartsOf(String name) {
        synchronized (restarts) {
            return restarts.getOrDefault(name, 0);
        }
    }

    private void watch() {
        while (running) {
            for (ServiceProcess p : processes.get()) {
                if (running && p.exitedUnexpectedly()) {
                    restart(p);
                }
            }
            sleep(Duration.ofMillis(500));
        }
    }

    private void restart(ServiceProcess gone) {
        String module = gone.name();
        int quick = gone.uptime().compareTo(STABLE_AFTER) < 0 ? quickExits.getOrDefault(module, 0) : 0;
        Duration delay = delayAfter(quick);
        int count;
        synchronized (restarts) {
            count = restarts.merge(module, 1, Integer::sum);
        }
        out.printf("%s exited unexpectedly (exit code %d after %d s); starting it again in %d s (restart %d)%n", module,
                gone.exitCode(), gone.uptime().toSeconds(), delay.toSeconds(), count);
        sleep(delay);
        if (!running) {
            return;
        }
        quickExits.put(module, quick + 1);
        try {
            ServiceProcess again = startAgain.apply(gone);
            if (again != null) {
                Thread.ofVirtual().start(() -> announceReady(again));
            }
        } catch (RuntimeException e) {
            out.printf("%s could not be started again: %s%n", module, e.getMessage());
        }
    }

    private void announceReady(ServiceProcess again) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (running && again.alive() && System.nanoTime() < deadline) {
            if (again.ready()) {
                out.printf("%s ready again after %d s%n", again.name(), again.uptime().toSeconds());
                return;
            }
            sleep(Duration.ofMillis(500));
        }
    }

    /** No more restarts: the stack is stopping, and its processes exit because they were asked to. */
    void stop() {
        running = false;
        thread.interrupt();
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            if (running) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
