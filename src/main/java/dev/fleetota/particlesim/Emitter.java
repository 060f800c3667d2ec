package dev.fleetota.particlesim;

import java.time.Instant;

/**
 * Publishes device and cloud events with §13.5 realism drawn from the device's Random (duplicates, reordered
 * offline/online pairs, {@code ttl} as a string, a missing trailing space), and records the ground-truth timeline.
 * Called while holding the device's monitor, so one device's events leave in order.
 */
final class Emitter {

    private final SimContext ctx;
    private final SimulatorSettings.Realism realism;

    Emitter(SimContext ctx) {
        this.ctx = ctx;
        this.realism = ctx.settings.effectiveRealism();
    }

    void emit(SimDevice d, String name, String data) {
        emit(d, name, data, d.envelopeVersion());
    }

    void emit(SimDevice d, String name, String data, int version) {
        Instant now = ctx.now();
        boolean ttlAsString = draw(d, realism.ttlAsString());
        SimEvent event = new SimEvent(name, data, ttlAsString, now, d.id, "", version, ctx.settings.productId(),
                true);
        d.record(new TimelineEntry(now, name, data, version, d.pendingStepDelay), ctx.settings.timelineCapacity());
        if (!name.equals("spark/status") || !"offline".equals(data)) {
            d.lastHeard = now.toEpochMilli();
        }
        ctx.hub.publish(event);
        if (draw(d, realism.duplicate())) {
            ctx.hub.publish(event);
        }
    }

    /** {@code spark/flash/status} with Particle's trailing space ("started ", "success ", "failed "). */
    void flashStatus(SimDevice d, String word) {
        emit(d, "spark/flash/status", draw(d, realism.missingTrailingSpace()) ? word : word + " ");
    }

    /** A session start: optionally the (late) offline of the old session, then online — same timestamp allowed. */
    void sessionStart(SimDevice d, boolean withOffline, int offlineVersion, int onlineVersion) {
        if (withOffline && draw(d, realism.outOfOrder())) {
            emit(d, "spark/status", "online", onlineVersion);
            emit(d, "spark/status", "offline", offlineVersion);
            return;
        }
        if (withOffline) {
            emit(d, "spark/status", "offline", offlineVersion);
        }
        emit(d, "spark/status", "online", onlineVersion);
    }

    /** Cloud-generated product event ({@code coreid: "api"}), e.g. {@code particle/firmware/create}. */
    void emitApi(String name, String data) {
        ctx.hub.publish(new SimEvent(name, data, false, ctx.now(), "api", ctx.userId, 0, ctx.settings.productId(),
                false));
    }

    private static boolean draw(SimDevice d, double probability) {
        return probability > 0 && d.random.nextDouble() < probability;
    }

}
