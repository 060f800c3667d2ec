package dev.fleetota.particlesim;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeds a mixed, realistic fleet from the seed: platforms weighted towards cellular Gen 3, Particle and
 * third-party SIMs (a few risky third-party-SIM Electrons), a few offline devices, site time zones and groups,
 * Device OS per platform generation, and failure behaviours drawn with the configured probabilities.
 */
final class FleetSeeder {

    private static final Platform[] PLATFORMS = {Platform.BORON, Platform.BORON, Platform.BORON, Platform.B_SOM,
        Platform.B_SOM, Platform.TRACKER, Platform.TRACKER, Platform.PHOTON, Platform.ELECTRON, Platform.ELECTRON,
        Platform.P2, Platform.P2, Platform.ARGON, Platform.E404X, Platform.M_SOM, Platform.TRACKER_M};

    private record Site(String group, String zone) {
    }

    private static final Site[] SITES = {new Site("site-berlin", "Europe/Berlin"),
        new Site("site-london", "Europe/London"), new Site("site-chicago", "America/Chicago"),
        new Site("site-newyork", "America/New_York"), new Site("site-denver", "America/Denver"),
        new Site("site-tokyo", "Asia/Tokyo"), new Site("site-sydney", "Australia/Sydney"),
        new Site("site-saopaulo", "America/Sao_Paulo")};

    private final SimContext ctx;
    private final DeviceEngine engine;
    private final FirmwareRoutes firmware;

    FleetSeeder(SimContext ctx, DeviceEngine engine, FirmwareRoutes firmware) {
        this.ctx = ctx;
        this.engine = engine;
        this.firmware = firmware;
    }

    /** The demo product's firmware: v1 and v2 run in the field, v3 needs 4.2.0, v4 needs 6.1.1. */
    void seedFirmware() {
        addIfAbsent(1, "1.5.2", "v1 baseline");
        addIfAbsent(2, "2.3.1", "v2 sensor fixes");
        addIfAbsent(3, "4.2.0", "v3 needs Device OS 4.2.0");
        addIfAbsent(4, "6.1.1", "v4 needs Device OS 6.1.1");
    }

    private void addIfAbsent(int version, String deviceOs, String title) {
        if (ctx.firmware.get(version).isEmpty()) {
            firmware.create(version, deviceOs, title, null, "firmware-v" + version + ".bin", new byte[0]);
        }
    }

    List<String> seedFleet(int count) {
        List<String> ids = new ArrayList<>(count);
        int base = ctx.fleet.size();
        for (int i = 0; i < count; i++) {
            ids.add(engine.add(spec(Ids.random(ctx.settings.seed() * 31 + base + i))).id);
        }
        return ids;
    }

    private DeviceSpec spec(Random r) {
        Platform platform = PLATFORMS[r.nextInt(PLATFORMS.length)];
        SimKind sim = !platform.cellular() ? SimKind.NONE
                : r.nextDouble() < (platform == Platform.ELECTRON ? 0.25 : 0.1) ? SimKind.THIRD_PARTY : SimKind.PARTICLE;
        List<DeviceOsCatalog.Version> offered = DeviceOsCatalog.all().stream()
                .filter(v -> v.supports(platform) && "released".equals(v.state())).toList();
        DeviceOsCatalog.Version os = offered.get(offered.size() - 1 - Math.min(offered.size() - 1,
                (int) Math.floor(Math.abs(r.nextGaussian()) * 1.2)));
        int app = os.internal() >= 2301 && r.nextDouble() < 0.4 ? 2 : 1;
        Site site = SITES[r.nextInt(SITES.length)];
        return DeviceSpec.of(platform).withSim(sim).withDeviceOs(os.version()).withFirmware(app)
                .withOnline(r.nextDouble() >= 0.03).withTimeZone(ZoneId.of(site.zone()))
                .withGroups(List.of(site.group())).withFault(fault(r));
    }

    private Fault fault(Random r) {
        SimulatorSettings.FaultProbabilities p = ctx.settings.faultProbabilities();
        Fault f = Fault.NONE;
        if (r.nextDouble() < p.flashFails()) {
            f = f.withFlashFails();
        }
        if (r.nextDouble() < p.neverStarts()) {
            f = f.withNeverStarts();
        }
        if (r.nextDouble() < p.powerLossInSafeMode()) {
            f = f.withPowerLossInSafeMode(null);
        }
        if (r.nextDouble() < p.healerLoop()) {
            f = f.withHealerLoop();
        }
        if (r.nextDouble() < p.healerStuck()) {
            f = f.withHealerStuck();
        }
        if (r.nextDouble() < p.comesBackOld()) {
            f = f.withComesBackOld();
        }
        if (r.nextDouble() < p.offlineAtNight()) {
            f = f.withOfflineAtNight();
        }
        if (r.nextDouble() < p.slowLink()) {
            f = f.withLinkSlowdown(3 + r.nextInt(4));
        }
        return f.isNone() ? Fault.NONE : f;
    }

}
