package dev.fleetota.particlesim;

/**
 * Safe mode and the cloud's safe-mode healer (§11.1–11.3): online with envelope version 0, {@code status
 * safe_mode}, {@code spark/status/safe-mode} with the module description, then one module per round (bootloader
 * first, then each system part), a reset and {@code online} + {@code spark/status/safe-mode} between modules, a
 * final {@code spark/flash/status "success "} and the reset into the new app. Failure behaviours: stuck, loop,
 * power loss (bricks an Electron with a third-party SIM).
 */
final class HealerFlow {

    /** A looping healer gives up after this many rounds and leaves the device stuck in safe mode. */
    static final int MAX_LOOP_ROUNDS = 25;

    private final SimContext ctx;
    private final Emitter emitter;
    private final Timings timings;
    private UpdateFlow update;
    private Connectivity connectivity;

    HealerFlow(SimContext ctx, Emitter emitter, Timings timings) {
        this.ctx = ctx;
        this.emitter = emitter;
        this.timings = timings;
    }

    void wire(UpdateFlow update, Connectivity connectivity) {
        this.update = update;
        this.connectivity = connectivity;
    }

    /** Can this firmware run on the device at all (is its Device OS offered for the platform)? */
    boolean compatible(SimDevice d, ProductFirmware fw) {
        return fw.requiredDeviceOs <= d.systemVersion || DeviceOsCatalog.offers(d.platform, fw.requiredDeviceOs);
    }

    /** First boot of an app whose Device OS dependency is not satisfied. */
    void enterSafeMode(SimDevice d, int requiredDeviceOs) {
        int previous = d.envelopeVersion();
        d.phase = Phase.SAFE_MODE;
        HealPlan.begin(d, requiredDeviceOs);
        connectivity.sessionStart(d, true, previous, 0);
        ctx.after(d, timings.safeModeReport(d), this::report);
    }

    /** Reconnect in safe mode (after a power loss or at dawn): the healer restarts the interrupted module. */
    void reconnect(SimDevice d) {
        d.phase = Phase.SAFE_MODE;
        connectivity.sessionStart(d, d.onlineFlag, 0, 0);
        ctx.after(d, timings.safeModeReport(d), this::report);
    }

    private void report(SimDevice d) {
        if (!d.connected) {
            return;
        }
        emitter.emit(d, "spark/status/safe-mode",
                HealPlan.safeModePayload(d, HealPlan.appHash(ctx.settings.productId(), d.installedApp)));
        if (!healerDelivers(d)) {
            d.phase = Phase.SAFE_MODE;
            return;
        }
        d.phase = Phase.HEALING;
        long transfer = timings.moduleTransfer(d);
        if (d.fault.powerLossInSafeMode() && !d.powerLossHappened) {
            ctx.after(d, transfer / 2, this::powerLoss);
            return;
        }
        ctx.after(d, transfer, this::moduleDelivered);
    }

    /** Safe mode the healer will not leave on its own: an app the Device OS can run may still be flashed. */
    boolean stuck(SimDevice d) {
        return d.phase == Phase.SAFE_MODE && !healerDelivers(d);
    }

    private boolean healerDelivers(SimDevice d) {
        boolean offered = DeviceOsCatalog.offers(d.platform, d.healTarget);
        boolean gen2CellularPolicy = ctx.settings.healerSkipsGen2Cellular() && d.platform == Platform.ELECTRON;
        boolean loopExhausted = d.fault.healerLoop() && d.healerRounds >= MAX_LOOP_ROUNDS;
        return offered && !d.fault.healerStuck() && !gen2CellularPolicy && !loopExhausted;
    }

    private void moduleDelivered(SimDevice d) {
        d.connected = false;
        if (d.fault.healerLoop()) {
            d.healerRounds++;
            ctx.after(d, timings.reboot(d), this::intermediateOnline);
            return;
        }
        if (HealPlan.applyNext(d)) {
            emitter.flashStatus(d, "success");
            d.phase = Phase.HEAL_REBOOTING;
            ctx.after(d, timings.postHealReboot(d), this::finish);
            return;
        }
        ctx.after(d, timings.reboot(d), this::intermediateOnline);
    }

    private void intermediateOnline(SimDevice d) {
        d.phase = Phase.SAFE_MODE;
        connectivity.sessionStart(d, false, 0, 0);
        ctx.after(d, timings.safeModeReport(d), this::report);
    }

    /** After the final reset: the new Device OS and the new app run. */
    void finish(SimDevice d) {
        HealPlan.complete(d);
        update.runNewApp(d);
    }

    private void powerLoss(SimDevice d) {
        d.powerLossHappened = true;
        if (d.losesApnOnPowerLoss()) {
            d.bricked = true;
            connectivity.powerOff(d, false);
            return;
        }
        connectivity.powerOff(d, false);
        ctx.after(d, timings.powerOutage(d), connectivity::powerOn);
    }

}
