package dev.fleetota.device;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Runs a task soon after every request, at most once per {@code spacing}: the first request of a quiet period runs
 * at once, requests made while a run is waiting to start share it, and a request made while a run is under way (it
 * may have read its input before the request) gets one more run, {@code spacing} after the last one started. A run
 * that reports it could not do its work ({@code false}: another instance's run held the lock) is requested again.
 * Runs never overlap: they all go through one single-threaded executor.
 */
final class Coalescer {

    private final ScheduledExecutorService executor;

    private final long spacingNanos;

    private final LongSupplier nanoClock;

    private final BooleanSupplier task;

    /** A run is scheduled and has not started: it covers every request made so far. */
    private boolean queued;

    private boolean started;

    private long lastStart;

    Coalescer(ScheduledExecutorService executor, Duration spacing, LongSupplier nanoClock, BooleanSupplier task) {
        this.executor = executor;
        this.spacingNanos = spacing.toNanos();
        this.nanoClock = nanoClock;
        this.task = task;
    }

    synchronized void request() {
        if (queued) {
            return;
        }
        long delay = started ? Math.max(0, lastStart + spacingNanos - nanoClock.getAsLong()) : 0;
        try {
            executor.schedule(this::run, delay, TimeUnit.NANOSECONDS);
            queued = true;
        }
        catch (RejectedExecutionException shuttingDown) {
            // the application is stopping: nothing more to reconcile
        }
    }

    private void run() {
        synchronized (this) {
            queued = false;
            started = true;
            lastStart = nanoClock.getAsLong();
        }
        if (!task.getAsBoolean()) {
            request();
        }
    }

}
