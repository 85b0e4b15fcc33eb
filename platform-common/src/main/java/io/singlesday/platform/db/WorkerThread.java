package io.singlesday.platform.db;

import org.springframework.context.SmartLifecycle;

/**
 * One platform thread per instance that runs {@link #loop()} from the context's start until its stop: stopping
 * clears {@link #isRunning()} and interrupts the thread's wait, then gives it five seconds to finish its round.
 * For the workers a {@link CommitSignal} wakes (the outbox relay, the stream's checkouts).
 */
public abstract class WorkerThread implements SmartLifecycle {

    private final String name;
    private volatile boolean running;
    private Thread worker;

    protected WorkerThread(String name) {
        this.name = name;
    }

    /** Runs while {@link #isRunning()}; returns when it turns false or the thread is interrupted. */
    protected abstract void loop();

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name(name).daemon().start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
