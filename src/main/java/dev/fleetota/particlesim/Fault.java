package dev.fleetota.particlesim;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Failure behaviours of one simulated device (docs/simulator.md lists what each one emits).
 *
 * @param flashFails          the app transfer ends with {@code spark/flash/status "failed "}; old firmware stays
 * @param neverStarts         the device ignores every update trigger and stays silent after the lock
 * @param powerLossInSafeMode power is lost while the healer sends Device OS; an Electron with a third-party SIM
 *                            is then bricked (never reports again, no offline event), others recover after
 *                            {@code powerOutage} and the healer resumes
 * @param healerLoop          the device keeps re-entering safe mode: each healer round ends in the same safe mode
 * @param healerStuck         the healer never delivers: the device stays in safe mode
 * @param comesBackOld        the update is rolled back: the device comes back online on its old version
 * @param offlineAtNight      the device is off during the night hours of its local time zone
 * @param linkSlowdown        transfer-time multiplier (1 = normal; a slow link is 3 to 6)
 * @param functionReturnValue return value of the device's cloud functions (null = the simulator default)
 * @param functionTimeout     cloud function calls time out (408)
 * @param powerOutage         simulated length of the power loss of {@code powerLossInSafeMode} (null = 60–180 s)
 */
public record Fault(boolean flashFails, boolean neverStarts, boolean powerLossInSafeMode, boolean healerLoop,
        boolean healerStuck, boolean comesBackOld, boolean offlineAtNight, double linkSlowdown,
        Integer functionReturnValue, boolean functionTimeout, Duration powerOutage) {

    public static final Fault NONE = new Fault(false, false, false, false, false, false, false, 1, null, false, null);

    public Fault {
        if (!(linkSlowdown > 0)) {
            linkSlowdown = 1;
        }
    }

    @JsonIgnore
    public boolean isNone() {
        return equals(NONE);
    }

    public Fault withFlashFails() {
        return new Fault(true, neverStarts, powerLossInSafeMode, healerLoop, healerStuck, comesBackOld,
                offlineAtNight, linkSlowdown, functionReturnValue, functionTimeout, powerOutage);
    }

    public Fault withNeverStarts() {
        return new Fault(flashFails, true, powerLossInSafeMode, healerLoop, healerStuck, comesBackOld,
                offlineAtNight, linkSlowdown, functionReturnValue, functionTimeout, powerOutage);
    }

    public Fault withPowerLossInSafeMode(Duration outage) {
        return new Fault(flashFails, neverStarts, true, healerLoop, healerStuck, comesBackOld, offlineAtNight,
                linkSlowdown, functionReturnValue, functionTimeout, outage);
    }

    public Fault withHealerLoop() {
        return new Fault(flashFails, neverStarts, powerLossInSafeMode, true, healerStuck, comesBackOld,
                offlineAtNight, linkSlowdown, functionReturnValue, functionTimeout, powerOutage);
    }

    public Fault withHealerStuck() {
        return new Fault(flashFails, neverStarts, powerLossInSafeMode, healerLoop, true, comesBackOld,
                offlineAtNight, linkSlowdown, functionReturnValue, functionTimeout, powerOutage);
    }

    public Fault withComesBackOld() {
        return new Fault(flashFails, neverStarts, powerLossInSafeMode, healerLoop, healerStuck, true,
                offlineAtNight, linkSlowdown, functionReturnValue, functionTimeout, powerOutage);
    }

    public Fault withOfflineAtNight() {
        return new Fault(flashFails, neverStarts, powerLossInSafeMode, healerLoop, healerStuck, comesBackOld, true,
                linkSlowdown, functionReturnValue, functionTimeout, powerOutage);
    }

    public Fault withLinkSlowdown(double factor) {
        return new Fault(flashFails, neverStarts, powerLossInSafeMode, healerLoop, healerStuck, comesBackOld,
                offlineAtNight, factor, functionReturnValue, functionTimeout, powerOutage);
    }

    public Fault withFunctionReturnValue(Integer value) {
        return new Fault(flashFails, neverStarts, powerLossInSafeMode, healerLoop, healerStuck, comesBackOld,
                offlineAtNight, linkSlowdown, value, functionTimeout, powerOutage);
    }

    public Fault withFunctionTimeout() {
        return new Fault(flashFails, neverStarts, powerLossInSafeMode, healerLoop, healerStuck, comesBackOld,
                offlineAtNight, linkSlowdown, functionReturnValue, true, powerOutage);
    }

}
