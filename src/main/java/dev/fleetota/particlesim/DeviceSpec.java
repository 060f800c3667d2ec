package dev.fleetota.particlesim;

import java.time.ZoneId;
import java.util.List;

/**
 * What to create with {@link ParticleSimulator#addDevice(DeviceSpec)}. Start from {@link #of(Platform)} and
 * change what matters; a null id or name is generated from the seed and the device index.
 *
 * @param deviceOsVersion semver, e.g. "4.0.2"; null = the oldest Device OS the simulator offers for the platform
 * @param firmwareVersion product firmware version the device runs (0 = none)
 * @param online          powered and connected at start
 */
public record DeviceSpec(String id, String name, Platform platform, SimKind simKind, String deviceOsVersion,
        int firmwareVersion, boolean online, ZoneId timeZone, boolean updatesEnabled, boolean development,
        List<String> groups, Fault fault) {

    private static final ZoneId UTC = ZoneId.of("UTC");

    public DeviceSpec {
        groups = groups == null ? List.of() : List.copyOf(groups);
        fault = fault == null ? Fault.NONE : fault;
        timeZone = timeZone == null ? UTC : timeZone;
        simKind = simKind == null ? (platform.cellular() ? SimKind.PARTICLE : SimKind.NONE) : simKind;
    }

    public static DeviceSpec of(Platform platform) {
        return new DeviceSpec(null, null, platform, null, null, 1, true, UTC, true, false, List.of(),
                Fault.NONE);
    }

    public DeviceSpec withId(String value) {
        return new DeviceSpec(value, name, platform, simKind, deviceOsVersion, firmwareVersion, online, timeZone,
                updatesEnabled, development, groups, fault);
    }

    public DeviceSpec withName(String value) {
        return new DeviceSpec(id, value, platform, simKind, deviceOsVersion, firmwareVersion, online, timeZone,
                updatesEnabled, development, groups, fault);
    }

    public DeviceSpec withSim(SimKind value) {
        return new DeviceSpec(id, name, platform, value, deviceOsVersion, firmwareVersion, online, timeZone,
                updatesEnabled, development, groups, fault);
    }

    public DeviceSpec withDeviceOs(String value) {
        return new DeviceSpec(id, name, platform, simKind, value, firmwareVersion, online, timeZone, updatesEnabled,
                development, groups, fault);
    }

    public DeviceSpec withFirmware(int value) {
        return new DeviceSpec(id, name, platform, simKind, deviceOsVersion, value, online, timeZone, updatesEnabled,
                development, groups, fault);
    }

    public DeviceSpec withOnline(boolean value) {
        return new DeviceSpec(id, name, platform, simKind, deviceOsVersion, firmwareVersion, value, timeZone,
                updatesEnabled, development, groups, fault);
    }

    public DeviceSpec withTimeZone(ZoneId value) {
        return new DeviceSpec(id, name, platform, simKind, deviceOsVersion, firmwareVersion, online, value,
                updatesEnabled, development, groups, fault);
    }

    public DeviceSpec withUpdatesEnabled(boolean value) {
        return new DeviceSpec(id, name, platform, simKind, deviceOsVersion, firmwareVersion, online, timeZone, value,
                development, groups, fault);
    }

    public DeviceSpec withDevelopment(boolean value) {
        return new DeviceSpec(id, name, platform, simKind, deviceOsVersion, firmwareVersion, online, timeZone,
                updatesEnabled, value, groups, fault);
    }

    public DeviceSpec withGroups(List<String> value) {
        return new DeviceSpec(id, name, platform, simKind, deviceOsVersion, firmwareVersion, online, timeZone,
                updatesEnabled, development, value, fault);
    }

    public DeviceSpec withFault(Fault value) {
        return new DeviceSpec(id, name, platform, simKind, deviceOsVersion, firmwareVersion, online, timeZone,
                updatesEnabled, development, groups, value);
    }

}
