package dev.fleetota.rollout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The engine's heartbeat (style rule 7): tick → rollout ids → one transaction per rollout. No Particle call happens
 * here (preflight and verification reads run on their own schedules), so a slow cloud never delays a halt. Any
 * instance may tick; row locks with SKIP LOCKED make sure one rollout is stepped by one instance at a time, and a
 * crashed instance's work is simply picked up by the next tick anywhere.
 * <p>
 * One thread ticks every {@code fleetota.rollout.tick-interval} after the last tick ended, sooner when a device in
 * safe mode turns silent before that, and at once when a device update failed on this instance
 * ({@link EngineSignals#step()}): so a halt waits for no interval. Tests call {@link #tick()} themselves.
 */
@Component
class RolloutTicker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RolloutTicker.class);

    /** Shortest wait between ticks, so that a deadline the step could not act on yet does not make it spin. */
    private static final long MIN_WAIT_MILLIS = 20;

    private final RolloutRepository rollouts;

    private final RolloutStepper stepper;

    private final CommandRecovery recovery;

    private final EngineSignals signals;

    private final Duration interval;

    private final Clock clock;

    private final boolean enabled;

    private final AtomicBoolean running = new AtomicBoolean();

    private final RolloutMetrics metrics;

    private Thread thread;

    RolloutTicker(RolloutRepository rollouts, RolloutStepper stepper, CommandRecovery recovery,
            EngineSignals signals, RolloutProperties properties, Clock clock, RolloutMetrics metrics,
            @Value("${fleetota.scheduling.enabled:true}") boolean enabled) {
        this.metrics = metrics;
        this.rollouts = rollouts;
        this.stepper = stepper;
        this.recovery = recovery;
        this.signals = signals;
        this.interval = properties.tickInterval();
        this.clock = clock;
        this.enabled = enabled;
    }

    /** Steps every rollout once; returns when the next tick is due (one interval, or a silence deadline before). */
    public Instant tick() {
        StepLaps laps = new StepLaps();
        recovery.recoverStaleClaims();
        laps.lap("stale claims");
        Instant silence = null;
        int stepped = 0;
        for (long id : rollouts.findIdsToStep()) {
            stepped++;
            try {
                Instant next = stepper.step(id);
                silence = next != null && (silence == null || next.isBefore(silence)) ? next : silence;
            }
            catch (RuntimeException ex) {
                log.warn("Rollout {} step failed; retrying next tick", id, ex);
            }
        }
        laps.lap("steps with their commits");
        if (laps.slow()) {
            // a slow step also logs its own phases (RolloutStepper); here only the tick's share of it
            log.info("Engine tick took {} ms ({} rollout(s)): {}", laps.total().toMillis(), stepped, laps);
        }
        Instant next = clock.instant().plus(interval);
        return silence != null && silence.isBefore(next) ? silence : next;
    }

    private void loop() {
        while (running.get()) {
            signals.step().clear(); // a wake-up before this tick is answered by it
            Instant next = clock.instant().plus(interval);
            long started = System.nanoTime();
            try {
                next = tick();
            }
            catch (RuntimeException ex) {
                log.warn("Engine tick failed; retrying", ex);
            }
            metrics.tick(Duration.ofNanos(System.nanoTime() - started));
            try {
                signals.step().await(Math.max(MIN_WAIT_MILLIS, Duration.between(clock.instant(), next).toMillis() + 1));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void start() {
        if (!enabled || !running.compareAndSet(false, true)) {
            return;
        }
        thread = new Thread(this::loop, "rollout-ticker");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        if (running.compareAndSet(true, false) && thread != null) {
            signals.step().afterCommit(1); // outside a transaction: ends the wait now
            try {
                thread.join(10_000);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

}
