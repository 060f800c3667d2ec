package dev.fleetota.particlesim;

/**
 * App OTA part of the per-device state machine (§13.4): trigger → {@code spark/status "auto-update"} →
 * {@code spark/flash/status "started "} → transfer → {@code "success "} (or {@code "failed "}) → reset →
 * new app online, or safe mode when the app needs a newer Device OS ({@link HealerFlow}).
 */
final class UpdateFlow {

    private final SimContext ctx;
    private final Emitter emitter;
    private final Timings timings;
    private HealerFlow healer;
    private Connectivity connectivity;

    UpdateFlow(SimContext ctx, Emitter emitter, Timings timings) {
        this.ctx = ctx;
        this.emitter = emitter;
        this.timings = timings;
    }

    void wire(HealerFlow healer, Connectivity connectivity) {
        this.healer = healer;
        this.connectivity = connectivity;
    }

    /**
     * Delivers the targeted version if the device is online, idle and allowed to update. {@code explicit} is a
     * lock+flash or intelligent release (retries a target that failed before); otherwise a handshake delivery.
     */
    void maybeDeliver(SimDevice d, boolean explicit) {
        Integer target = ctx.firmware.targetFor(d);
        boolean stuckInSafeMode = healer.stuck(d);
        if (!d.connected || (d.phase.busy() && !stuckInSafeMode) || target == null
                || (target == d.firmwareVersion && !stuckInSafeMode)
                || (stuckInSafeMode && target == d.installedApp)) {
            return;
        }
        if (!explicit && target == d.failedTarget) {
            return;
        }
        if (!d.updatesEnabled && !d.updatesForced) {
            emitter.emit(d, "particle/device/updates/pending", "true");
            return;
        }
        if (d.fault.neverStarts()) {
            return;
        }
        ctx.firmware.get(target).ifPresent(fw -> start(d, fw));
    }

    private void start(SimDevice d, ProductFirmware fw) {
        if (d.phase == Phase.SAFE_MODE) {
            HealPlan.abandon(d);
        }
        d.phase = Phase.DOWNLOADING_APP;
        d.failedTarget = 0;
        emitter.emit(d, "spark/status", "auto-update");
        emitter.flashStatus(d, "started");
        int version = fw.version;
        ctx.after(d, timings.appTransfer(d), x -> transferDone(x, version));
    }

    private void transferDone(SimDevice d, int version) {
        ProductFirmware fw = ctx.firmware.get(version).orElse(null);
        if (fw == null || d.fault.flashFails() || !healer.compatible(d, fw)) {
            emitter.flashStatus(d, "failed");
            d.phase = Phase.RUNNING;
            d.failedTarget = version;
            return;
        }
        emitter.flashStatus(d, "success");
        d.installedApp = version;
        d.phase = Phase.REBOOTING;
        d.connected = false;
        ctx.after(d, timings.reboot(d), this::firstBoot);
    }

    /** First boot after the app was installed (also after a power loss while rebooting). */
    void firstBoot(SimDevice d) {
        ProductFirmware fw = ctx.firmware.get(d.installedApp).orElse(null);
        if (d.fault.comesBackOld() || fw == null) {
            int old = d.firmwareVersion;
            d.failedTarget = d.installedApp;
            d.installedApp = old;
            d.phase = Phase.RUNNING;
            connectivity.sessionStart(d, true, old, old);
            ctx.after(d, timings.afterHandshake(d), x -> afterBoot(x, "update_error", false));
            return;
        }
        if (fw.requiredDeviceOs > d.systemVersion) {
            healer.enterSafeMode(d, fw.requiredDeviceOs);
            return;
        }
        runNewApp(d);
    }

    /** The installed app starts on a sufficient Device OS: online with envelope version = the new version. */
    void runNewApp(SimDevice d) {
        int previous = d.envelopeVersion();
        int version = d.installedApp;
        d.phase = Phase.RUNNING;
        d.firmwareVersion = version;
        d.updatesCompleted++;
        ctx.firmware.get(version).ifPresent(fw -> fw.ran = true);
        connectivity.sessionStart(d, true, previous, version);
        ctx.after(d, timings.afterHandshake(d), x -> afterBoot(x, "update", true));
        ctx.after(d, timings.diagnostics(d), this::publishDiagnostics);
    }

    /** What a device publishes after each handshake, then the cloud's pending check and handshake delivery. */
    void afterBoot(SimDevice d, String resetReason, boolean appChanged) {
        if (!d.connected) {
            return;
        }
        emitter.emit(d, "spark/device/last_reset", resetReason);
        emitter.emit(d, "particle/device/updates/enabled", String.valueOf(d.updatesEnabled));
        emitter.emit(d, "particle/device/updates/forced", String.valueOf(d.updatesForced));
        if (appChanged) {
            emitter.emit(d, "spark/device/app-hash", HealPlan.appHash(ctx.settings.productId(), d.firmwareVersion));
        }
        ctx.after(d, 1_000, this::pendingCheck);
    }

    private void pendingCheck(SimDevice d) {
        if (!d.connected) {
            return;
        }
        Integer target = ctx.firmware.targetFor(d);
        boolean wanted = !d.phase.busy() && target != null && target != d.firmwareVersion
                && target != d.failedTarget;
        boolean blocked = wanted && !d.updatesEnabled && !d.updatesForced;
        emitter.emit(d, "particle/device/updates/pending", String.valueOf(blocked));
        if (wanted && !blocked) {
            ctx.after(d, timings.deliveryAfterHandshake(d), x -> maybeDeliver(x, false));
        }
    }

    void publishDiagnostics(SimDevice d) {
        if (d.connected) {
            emitter.emit(d, "spark/device/diagnostics/update", Vitals.payload(d, ctx.nowMillis()));
        }
    }

}
