package dev.fleetota.particlesim;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Power and cloud sessions: handshakes ({@code spark/status} offline/online), silent power loss with the cloud's
 * offline-detection lag (Wi-Fi ~50 s, cellular ~46 min, scaled), graceful night sleep in the device's time zone,
 * and what happens when power returns in each phase of an update.
 */
final class Connectivity {

    private final SimContext ctx;
    private final Emitter emitter;
    private final Timings timings;
    private final List<SimDevice> nightOwls = new CopyOnWriteArrayList<>();
    private UpdateFlow update;
    private HealerFlow healer;

    Connectivity(SimContext ctx, Emitter emitter, Timings timings) {
        this.ctx = ctx;
        this.emitter = emitter;
        this.timings = timings;
    }

    void wire(UpdateFlow update, HealerFlow healer) {
        this.update = update;
        this.healer = healer;
    }

    /** A new cloud session: the late {@code offline} of the previous one (optional), then {@code online}. */
    void sessionStart(SimDevice d, boolean withOffline, int offlineVersion, int onlineVersion) {
        d.connected = true;
        d.onlineFlag = true;
        d.lastHandshake = ctx.nowMillis();
        emitter.sessionStart(d, withOffline, offlineVersion, onlineVersion);
    }

    /** Power loss (silent: the cloud notices after its detection lag) or graceful disconnect (offline at once). */
    void powerOff(SimDevice d, boolean graceful) {
        if (!d.powered) {
            return;
        }
        d.cancelPendingSteps();
        d.powered = false;
        d.connected = false;
        if (graceful) {
            if (d.onlineFlag) {
                d.onlineFlag = false;
                emitter.emit(d, "spark/status", "offline");
            }
            return;
        }
        ctx.after(d, timings.offlineDetectionLag(d), this::offlineDetected);
    }

    /** The cloud gives up on the session; a bricked device gets no offline event (it just goes quiet). */
    private void offlineDetected(SimDevice d) {
        if (d.powered || !d.onlineFlag) {
            return;
        }
        d.onlineFlag = false;
        if (!d.bricked) {
            emitter.emit(d, "spark/status", "offline");
        }
    }

    void powerOn(SimDevice d) {
        if (d.powered || d.bricked) {
            return;
        }
        d.powered = true;
        d.asleep = false;
        ctx.after(d, timings.reboot(d), this::boot);
    }

    private void boot(SimDevice d) {
        switch (d.phase) {
            case REBOOTING -> update.firstBoot(d);
            case SAFE_MODE, HEALING -> healer.reconnect(d);
            case HEAL_REBOOTING -> healer.finish(d);
            default -> {
                d.phase = Phase.RUNNING;
                sessionStart(d, d.onlineFlag, d.firmwareVersion, d.firmwareVersion);
                ctx.after(d, timings.afterHandshake(d), x -> update.afterBoot(x, "power_down", false));
            }
        }
    }

    /** {@code PUT …/ping}: probes the device; a silent one is marked offline (no event for a bricked device). */
    boolean ping(SimDevice d) {
        if (!d.connected && d.onlineFlag) {
            d.onlineFlag = false;
            if (!d.bricked && !d.phase.busy()) {
                emitter.emit(d, "spark/status", "offline");
            }
        }
        if (d.connected) {
            d.lastHeard = ctx.nowMillis();
        }
        return d.connected;
    }

    void watchNights(SimDevice d) {
        if (!nightOwls.contains(d)) {
            nightOwls.add(d);
        }
    }

    /** Periodic: devices with the offline-at-night behaviour sleep during the night hours of their time zone. */
    void nightTick() {
        Instant now = ctx.now();
        for (SimDevice d : nightOwls) {
            synchronized (d) {
                boolean night = d.fault.offlineAtNight() && isNight(LocalTime.ofInstant(now, d.zone));
                if (night && d.powered && !d.asleep && d.phase == Phase.RUNNING) {
                    powerOff(d, true);
                    d.asleep = true;
                }
                else if (!night && d.asleep) {
                    powerOn(d);
                }
            }
        }
    }

    private boolean isNight(LocalTime time) {
        int hour = time.getHour();
        int start = ctx.settings.nightStartHour();
        int end = ctx.settings.nightEndHour();
        return start <= end ? hour >= start && hour < end : hour >= start || hour < end;
    }

}
