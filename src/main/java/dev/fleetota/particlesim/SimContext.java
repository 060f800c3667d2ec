package dev.fleetota.particlesim;

import java.time.Clock;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared state of one simulator instance and the single timer every device step runs on. A step runs while
 * holding the device's monitor and only if the device's epoch did not change since it was planned.
 */
final class SimContext {

    private static final Logger log = LoggerFactory.getLogger(SimContext.class);

    final SimulatorSettings settings;
    final ScheduledExecutorService timer;
    final EventHub hub;
    final Fleet fleet = new Fleet();
    final FirmwareStore firmware = new FirmwareStore();
    final GroupStore groups = new GroupStore();
    final Stats stats;
    final Clock clock;
    final String userId;
    final String accessToken;
    private final Random faultRandom;
    private volatile GlobalFaults globalFaults = GlobalFaults.NONE;

    SimContext(SimulatorSettings settings, ScheduledExecutorService timer, EventHub hub, Stats stats,
            String accessToken) {
        this.settings = settings;
        this.timer = timer;
        this.hub = hub;
        this.stats = stats;
        this.clock = settings.clock();
        this.accessToken = accessToken;
        this.faultRandom = Ids.random(settings.seed() ^ 0x5DEECE66DL);
        this.userId = Ids.hex24(Ids.random(settings.seed()), "5f1e");
    }

    Instant now() {
        return clock.instant();
    }

    long nowMillis() {
        return clock.millis();
    }

    long realMillis(long simulatedMillis) {
        return Math.max(0, Math.round(simulatedMillis / settings.timeScale()));
    }

    /** Runs {@code step} on the device after a simulated delay, unless the device's epoch changes meanwhile. */
    void after(SimDevice device, long simulatedMillis, Consumer<SimDevice> step) {
        int epoch = device.epoch;
        timer.schedule(() -> run(device, epoch, simulatedMillis, step), realMillis(simulatedMillis),
                TimeUnit.MILLISECONDS);
    }

    private void run(SimDevice device, int epoch, long delay, Consumer<SimDevice> step) {
        try {
            synchronized (device) {
                if (device.epoch != epoch) {
                    return;
                }
                device.pendingStepDelay = delay;
                step.accept(device);
                device.pendingStepDelay = 0;
            }
        }
        catch (RuntimeException ex) {
            log.warn("Simulated step of device {} failed", device.id, ex);
        }
    }

    GlobalFaults globalFaults() {
        return globalFaults;
    }

    void globalFaults(GlobalFaults faults) {
        this.globalFaults = faults;
    }

    /** Draw for injected HTTP faults (one seeded Random for the whole server). */
    boolean faultDraw(double probability) {
        if (probability <= 0) {
            return false;
        }
        synchronized (faultRandom) {
            return faultRandom.nextDouble() < probability;
        }
    }

}
