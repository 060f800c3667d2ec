package dev.fleetota.particlesim;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Operations on simulated devices used by the routes and the Java API; each one runs under the device's monitor. */
final class DeviceEngine {

    final SimContext ctx;
    final Emitter emitter;
    final UpdateFlow update;
    final HealerFlow healer;
    final Connectivity connectivity;
    private final DeviceFactory factory;

    DeviceEngine(SimContext ctx) {
        this.ctx = ctx;
        this.emitter = new Emitter(ctx);
        Timings timings = new Timings(ctx.settings);
        this.update = new UpdateFlow(ctx, emitter, timings);
        this.healer = new HealerFlow(ctx, emitter, timings);
        this.connectivity = new Connectivity(ctx, emitter, timings);
        update.wire(healer, connectivity);
        healer.wire(update, connectivity);
        connectivity.wire(update, healer);
        this.factory = new DeviceFactory(ctx);
    }

    void startBackground() {
        long period = Math.max(100, Math.min(60_000, ctx.realMillis(60_000)));
        ctx.timer.scheduleAtFixedRate(connectivity::nightTick, period, period, TimeUnit.MILLISECONDS);
    }

    SimDevice add(DeviceSpec spec) {
        ctx.groups.ensure(spec.groups());
        SimDevice d = ctx.fleet.add(index -> factory.create(spec, index));
        ctx.firmware.get(d.firmwareVersion).ifPresent(fw -> fw.ran = true);
        if (d.fault.offlineAtNight()) {
            connectivity.watchNights(d);
        }
        return d;
    }

    DeviceSnapshot snapshot(SimDevice d) {
        synchronized (d) {
            return d.snapshot(ctx.firmware.targetFor(d));
        }
    }

    ObjectNode applyUpdate(SimDevice d, DeviceUpdate u) {
        Integer desired = u.desiredFirmwareVersion();
        if (u.desiredPresent() && desired != null && ctx.firmware.get(desired).isEmpty()) {
            throw ApiError.badRequest("Firmware version " + desired + " does not exist for this product");
        }
        if (u.groups() != null) {
            ctx.groups.ensure(u.groups());
        }
        synchronized (d) {
            ObjectNode out = Json.object();
            out.put("id", d.id);
            applyFirmwareFields(d, u, out);
            applyDescriptiveFields(d, u, out);
            if (u.flash()) {
                d.recordFlashCommand(new FlashCommand(ctx.now(), d.desiredFirmware > 0 ? d.desiredFirmware : null,
                        d.connected));
                ctx.stats.flashCommands.increment();
            }
            out.put("updated_at", Json.timestamp(ctx.now()));
            if (u.flash() || Boolean.TRUE.equals(u.updatesForced())) {
                update.maybeDeliver(d, true);
            }
            return out;
        }
    }

    private void applyFirmwareFields(SimDevice d, DeviceUpdate u, ObjectNode out) {
        if (u.desiredPresent()) {
            Integer desired = u.desiredFirmwareVersion();
            d.desiredFirmware = desired == null ? 0 : desired;
            out.put("desired_firmware_version", desired);
        }
        if (u.development() != null) {
            d.development = u.development();
            out.put("development", d.development);
        }
        if (u.updatesForced() != null) {
            d.updatesForced = u.updatesForced();
            out.put("firmware_updates_forced", d.updatesForced);
            if (d.connected) {
                emitter.emit(d, "particle/device/updates/forced", String.valueOf(d.updatesForced));
            }
        }
    }

    private static void applyDescriptiveFields(SimDevice d, DeviceUpdate u, ObjectNode out) {
        if (u.groups() != null) {
            d.setGroups(u.groups());
            ArrayNode groups = out.putArray("groups");
            d.groupList().forEach(groups::add);
        }
        if (u.notesPresent()) {
            d.notes = u.notes();
            out.put("notes", d.notes);
        }
        if (u.name() != null) {
            d.name = u.name();
            out.put("name", d.name);
        }
    }

    void batchGroups(List<String> ids, List<String> add, List<String> remove) {
        ctx.groups.ensure(add);
        for (String id : ids) {
            ctx.fleet.get(id).ifPresent(d -> {
                synchronized (d) {
                    Set<String> groups = new LinkedHashSet<>(d.groupList());
                    groups.addAll(add);
                    groups.removeAll(remove);
                    d.setGroups(new ArrayList<>(groups));
                }
            });
        }
    }

    boolean ping(SimDevice d) {
        synchronized (d) {
            return connectivity.ping(d);
        }
    }

    ObjectNode callFunction(SimDevice d, String function) {
        if (!ctx.settings.functions().contains(function)) {
            throw ApiError.notFound("Function " + function + " not found");
        }
        synchronized (d) {
            if (!d.connected) {
                throw ApiError.notFound("Device is not connected");
            }
            if (d.fault.functionTimeout()) {
                throw new ApiError(408, Json.error("Timed out."));
            }
            Integer faulty = d.fault.functionReturnValue();
            ObjectNode out = Json.object();
            out.put("id", d.id);
            out.put("name", d.name);
            out.put("connected", true);
            out.put("return_value", faulty != null ? faulty : ctx.settings.functionReturnValue());
            return out;
        }
    }

    void requestDiagnostics(SimDevice d) {
        synchronized (d) {
            ctx.after(d, 1_000, update::publishDiagnostics);
        }
    }

    void powerOff(SimDevice d) {
        synchronized (d) {
            connectivity.powerOff(d, false);
        }
    }

    void powerOn(SimDevice d) {
        synchronized (d) {
            connectivity.powerOn(d);
        }
    }

    void setFault(SimDevice d, Fault fault) {
        synchronized (d) {
            d.fault = fault;
            if (fault.offlineAtNight()) {
                connectivity.watchNights(d);
            }
        }
    }

    void setUpdatesEnabled(SimDevice d, boolean enabled) {
        synchronized (d) {
            d.updatesEnabled = enabled;
            if (d.connected) {
                emitter.emit(d, "particle/device/updates/enabled", String.valueOf(enabled));
                if (enabled) {
                    update.maybeDeliver(d, true);
                }
            }
        }
    }

    /** Intelligent release: online devices now targeted at the version get it at once (staggered by 0–5 s). */
    void onRelease(ProductFirmware fw, boolean intelligent) {
        if (!intelligent) {
            return;
        }
        ctx.fleet.forEach(d -> {
            synchronized (d) {
                Integer target = ctx.firmware.targetFor(d);
                if (d.connected && !d.phase.busy() && target != null && target == fw.version
                        && d.firmwareVersion != fw.version) {
                    ctx.after(d, Timings.between(d.random, 0, 5_000), x -> update.maybeDeliver(x, true));
                }
            }
        });
    }

    /** An arbitrary event published as if the device had sent it (admin/test injection). */
    void publishAs(SimDevice d, String name, String data) {
        synchronized (d) {
            emitter.emit(d, name, data);
        }
    }

}
