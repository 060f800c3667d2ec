package dev.fleetota.rollout;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends queued lock+flash commands, outside any transaction (style rule 6): claim one (one statement), call the
 * pre-update hook and Particle under the {@link DispatchGate}, record the outcome (one statement with the gate's
 * release, or a short transaction). Runs on a few threads; tests call
 * {@link #dispatchAll()} instead.
 */
@Component
class CommandDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);

    /** Idle, a thread looks for commands queued by other instances (or after rate limiting) this often. */
    private static final long IDLE_POLL_MILLIS = 1000;

    private final CommandOutbox outbox;

    private final DeviceGateway gateway;

    private final CommandOutcomes outcomes;

    private final RolloutSettingsCache settings;

    private final RolloutProperties properties;

    private final TransactionTemplate tx;

    private final Clock clock;

    private final boolean enabled;

    private final DispatchGate gate;

    private final AtomicBoolean running = new AtomicBoolean();

    private final EngineSignals signals;

    private ExecutorService workers;

    CommandDispatcher(CommandOutbox outbox, DeviceGateway gateway, CommandOutcomes outcomes,
            RolloutSettingsCache settings, RolloutProperties properties, TransactionTemplate tx, Clock clock,
            DispatchGate gate, EngineSignals signals, @Value("${fleetota.scheduling.enabled:true}") boolean enabled) {
        this.gate = gate;
        this.signals = signals;
        this.outbox = outbox;
        this.gateway = gateway;
        this.outcomes = outcomes;
        this.settings = settings;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
        this.enabled = enabled;
    }

    /** Sends every command that is due now; returns how many were handled. */
    public int dispatchAll() {
        int handled = 0;
        while (dispatchOne()) {
            handled++;
        }
        return handled;
    }

    boolean dispatchOne() {
        // one statement (claim + the device update's requested_at): atomic without a transaction, one round trip
        Optional<FlashCommand> claimed = outbox.claimNext(properties.instanceId(), clock.instant());
        if (claimed.isEmpty()) {
            return false;
        }
        send(claimed.get());
        return true;
    }

    /**
     * Sends under the dispatch gate. An accepted lock+flash is recorded in the round trip that releases the gate (one
     * statement, no transaction); anything else, or a recording that failed there, in a short transaction after.
     */
    private void send(FlashCommand command) {
        Optional<DispatchGate.Sent<Answer>> sent = gate.ifRunning(command.rolloutId(), () -> call(command),
                answer -> answer.hook() == null
                        ? outcomes.acceptedStatement(command, answer.flash(), clock.instant()) : null);
        if (sent.isPresent() && sent.get().recorded()) {
            outcomes.counted(sent.get().value().flash());
            return;
        }
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            if (sent.isEmpty()) {
                outbox.unclaim(command);
            }
            else if (sent.get().value().hook() != null) {
                outcomes.hookFailed(command, sent.get().value().hook(), now);
            }
            else {
                outcomes.record(command, sent.get().value().flash(), now);
            }
        });
    }

    /** What Particle said: a refused pre-update hook (then no flash was sent), or the lock+flash outcome. */
    private record Answer(DeviceGateway.SendOutcome hook, DeviceGateway.SendOutcome flash) {
    }

    private Answer call(FlashCommand command) {
        PreUpdateHook hook = settings.policy(command.rolloutId()).preUpdateHook();
        if (hook != null) {
            DeviceGateway.SendOutcome hookOutcome = gateway.callHook(command.deviceId(), hook);
            if (hookOutcome.kind() != DeviceGateway.SendOutcome.Kind.ACCEPTED) {
                return new Answer(hookOutcome, null);
            }
        }
        return new Answer(null, gateway.lockAndFlash(command.deviceId(), command.firmwareVersion(),
                command.forceUpdates()));
    }

    private void workLoop() {
        while (running.get()) {
            try {
                if (!dispatchOne()) {
                    signals.dispatch().await(IDLE_POLL_MILLIS); // woken at once by the starter on this instance
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            catch (RuntimeException ex) {
                log.warn("Dispatching a command failed; retrying", ex);
                sleepQuietly();
            }
        }
    }

    private static void sleepQuietly() {
        try {
            TimeUnit.SECONDS.sleep(1);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        if (!enabled || !running.compareAndSet(false, true)) {
            return;
        }
        workers = Executors.newFixedThreadPool(properties.dispatchThreads(), r -> {
            Thread t = new Thread(r, "flash-dispatcher");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < properties.dispatchThreads(); i++) {
            workers.execute(this::workLoop);
        }
    }

    @Override
    public void stop() {
        if (running.compareAndSet(true, false) && workers != null) {
            workers.shutdown();
            signals.dispatch().afterCommit(properties.dispatchThreads()); // outside a transaction: ends the waits now
            try {
                workers.awaitTermination(10, TimeUnit.SECONDS);
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
