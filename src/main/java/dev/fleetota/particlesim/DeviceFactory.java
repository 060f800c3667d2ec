package dev.fleetota.particlesim;

import java.util.Locale;
import java.util.Random;

/** Builds a simulated device from a {@link DeviceSpec}: ids, serial, ICCID, IMEI derived from seed and index. */
final class DeviceFactory {

    private final SimContext ctx;

    DeviceFactory(SimContext ctx) {
        this.ctx = ctx;
    }

    SimDevice create(DeviceSpec spec, int index) {
        long seed = ctx.settings.seed();
        Random identity = Ids.random(seed * 1_000_003L + index);
        String id = spec.id() != null ? spec.id().toLowerCase(Locale.ROOT) : Ids.hex24(identity, "e00fce68");
        Platform platform = spec.platform();
        String serial = Ids.digits(identity, platform.serialPrefix() + "KAB", 15);
        String iccid = platform.cellular() ? iccid(spec.simKind(), platform, identity) : null;
        String imei = platform.cellular() ? Ids.digits(identity, "35275309", 15) : null;
        SimDevice d = new SimDevice(index, id, platform, spec.simKind(), serial, iccid, imei, spec.timeZone(), seed);
        d.name = spec.name() != null ? spec.name() : platform.displayName().toLowerCase(Locale.ROOT).replace(' ', '-')
                + "-" + index;
        d.systemVersion = initialDeviceOs(spec);
        d.bootloader = DeviceOsCatalog.bootloaderFor(d.systemVersion);
        d.firmwareVersion = spec.firmwareVersion();
        d.installedApp = spec.firmwareVersion();
        d.updatesEnabled = spec.updatesEnabled();
        d.development = spec.development();
        d.setGroups(spec.groups());
        d.fault = spec.fault();
        long now = ctx.nowMillis();
        d.powered = spec.online();
        d.connected = spec.online();
        d.onlineFlag = spec.online();
        d.lastHandshake = now - (long) (identity.nextDouble() * 3 * 86_400_000L);
        d.lastHeard = spec.online() ? now - (long) (identity.nextDouble() * 300_000L)
                : d.lastHandshake + (long) (identity.nextDouble() * 3_600_000L);
        return d;
    }

    private static int initialDeviceOs(DeviceSpec spec) {
        if (spec.deviceOsVersion() != null) {
            return DeviceOsCatalog.toInternal(spec.deviceOsVersion());
        }
        return DeviceOsCatalog.all().stream().filter(v -> v.supports(spec.platform()))
                .mapToInt(DeviceOsCatalog.Version::internal).min().orElse(2301);
    }

    /** Particle SIMs use Particle's carriers' prefixes (Kore AT&T 8901410, Telefónica 8934076); others do not. */
    private static String iccid(SimKind kind, Platform platform, Random random) {
        if (kind == SimKind.PARTICLE) {
            return Ids.digits(random, platform.generation() == 2 ? "8934076500" : "89014103", 20);
        }
        return Ids.digits(random, random.nextBoolean() ? "8949226" : "8931440", 20);
    }

}
