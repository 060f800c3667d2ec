package dev.fleetota.particlesim;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * State of one simulated device, kept compact (100,000 of them must fit in modest memory): primitives, a few
 * strings, lazily allocated flash-command list and timeline. All mutation happens while holding the device's
 * monitor; steps scheduled on the shared timer carry the {@link #epoch} they were planned in and are dropped
 * when it changed (power loss cancels whatever was in flight).
 */
final class SimDevice {

    static final String[] NO_GROUPS = new String[0];

    final int index;
    final String id;
    final Platform platform;
    final SimKind simKind;
    final String serial;
    final String iccid;
    final String imei;
    final ZoneId zone;
    final Random random;

    String name;
    String notes;
    String[] groups = NO_GROUPS;

    int firmwareVersion;
    int installedApp;
    int systemVersion;
    int bootloader;
    int healTarget;
    int healStep;
    boolean healBootloader;
    int healerRounds;
    int desiredFirmware;
    int failedTarget;
    boolean powerLossHappened;
    int updatesCompleted;
    boolean development;
    boolean updatesEnabled = true;
    boolean updatesForced;
    boolean quarantined;

    boolean powered;
    boolean connected;
    boolean onlineFlag;
    boolean bricked;
    boolean asleep;
    Phase phase = Phase.RUNNING;
    long lastHeard;
    long lastHandshake;
    int epoch;
    long pendingStepDelay;
    Fault fault = Fault.NONE;

    private List<FlashCommand> flashCommands;
    private Timeline timeline;

    SimDevice(int index, String id, Platform platform, SimKind simKind, String serial, String iccid, String imei,
            ZoneId zone, long seed) {
        this.index = index;
        this.id = id;
        this.platform = platform;
        this.simKind = simKind;
        this.serial = serial;
        this.iccid = iccid;
        this.imei = imei;
        this.zone = zone;
        this.random = Ids.random(seed + index);
    }

    /** Product firmware version in event envelopes: 0 while no product app runs (safe mode). */
    int envelopeVersion() {
        return phase.inSafeMode() ? 0 : firmwareVersion;
    }

    String status() {
        return phase.inSafeMode() ? "safe_mode" : "normal";
    }

    /** Third-party SIM on an Electron/E-Series keeps its APN only in the powered modem (§11.4). */
    boolean losesApnOnPowerLoss() {
        return platform == Platform.ELECTRON && simKind == SimKind.THIRD_PARTY;
    }

    boolean inGroup(String group) {
        for (String g : groups) {
            if (g.equals(group)) {
                return true;
            }
        }
        return false;
    }

    void setGroups(List<String> names) {
        groups = names.isEmpty() ? NO_GROUPS : names.stream().distinct().map(String::intern).toArray(String[]::new);
    }

    List<String> groupList() {
        return List.of(groups);
    }

    void recordFlashCommand(FlashCommand command) {
        if (flashCommands == null) {
            flashCommands = new ArrayList<>(2);
        }
        flashCommands.add(command);
    }

    List<FlashCommand> flashCommands() {
        return flashCommands == null ? List.of() : List.copyOf(flashCommands);
    }

    int flashCommandCount() {
        return flashCommands == null ? 0 : flashCommands.size();
    }

    void record(TimelineEntry entry, int capacity) {
        if (capacity <= 0) {
            return;
        }
        if (timeline == null) {
            timeline = new Timeline(capacity);
        }
        timeline.add(entry);
    }

    List<TimelineEntry> timeline() {
        return timeline == null ? List.of() : timeline.entries();
    }

    /** Cancels every step planned so far (power loss, reset by an operator). */
    void cancelPendingSteps() {
        epoch++;
    }

    String healingLabel() {
        if (!phase.inSafeMode() || healTarget == 0) {
            return null;
        }
        return healStep + "/" + HealPlan.moduleCount(this) + " → " + DeviceOsCatalog.toSemver(healTarget);
    }

    DeviceSnapshot snapshot(Integer targeted) {
        return new DeviceSnapshot(id, index, name, platform, simKind, iccid, zone.getId(), phase.name(), powered,
                connected, onlineFlag, bricked, asleep, status(), firmwareVersion, installedApp,
                DeviceOsCatalog.toSemver(systemVersion), bootloader, desiredFirmware > 0 ? desiredFirmware : null,
                targeted, development, updatesEnabled, updatesForced, Arrays.asList(groups.clone()),
                lastHandshake == 0 ? null : Instant.ofEpochMilli(lastHandshake),
                lastHeard == 0 ? null : Instant.ofEpochMilli(lastHeard), flashCommandCount(), updatesCompleted,
                healingLabel(), fault);
    }

}
