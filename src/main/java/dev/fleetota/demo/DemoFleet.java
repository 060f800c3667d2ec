package dev.fleetota.demo;

import java.time.Duration;
import java.util.List;

import dev.fleetota.cohort.CohortEditing;
import dev.fleetota.cohort.CohortSelector;
import dev.fleetota.device.DeviceSyncService;
import dev.fleetota.firmware.FirmwareService;
import dev.fleetota.firmware.RegisterFirmware;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * With the built-in simulator (the default run), makes the service ready for a first rollout: imports the demo
 * fleet, registers the simulator's demo product firmware (v1–v4, needing Device OS 1.5.2, 2.3.1, 4.2.0 and 6.1.1)
 * and creates two cohorts. Idempotent: does nothing once the demo firmware is registered.
 */
@Component
@ConditionalOnBooleanProperty("fleetota.demo.enabled")
class DemoFleet {

    private static final Logger log = LoggerFactory.getLogger(DemoFleet.class);

    private static final List<Integer> GEN2 = List.of(6, 8, 10);

    private static final List<Integer> GEN3 = List.of(12, 13, 15, 23, 25, 26);

    private final DeviceSyncService sync;

    private final FirmwareService firmware;

    private final CohortEditing cohorts;

    private final JdbcTemplate jdbc;

    private final int product;

    DemoFleet(DeviceSyncService sync, FirmwareService firmware, CohortEditing cohorts, JdbcTemplate jdbc,
            @Value("${fleetota.particle.product}") int product) {
        this.sync = sync;
        this.firmware = firmware;
        this.cohorts = cohorts;
        this.jdbc = jdbc;
        this.product = product;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        // the event stream's first connect starts a sync at the same moment (DeviceSyncJob): a refused sync must not
        // fail the start
        sync.syncWhenFree(Duration.ofMinutes(1));
        if (firmware.find(product, 4).isPresent()) {
            return;
        }
        register(1, "1.5.2", GEN2, "Demo app v1");
        register(2, "2.3.1", GEN2, "Demo app v2");
        register(3, "4.2.0", GEN3, "Demo app v3");
        register(4, "6.1.1", List.of(12, 13, 15, 23, 25, 26, 28, 32, 35), "Demo app v4 (needs Device OS 6.1.1)");
        cohorts.createDynamic("demo-gen3", "Argon, Boron, E404X, B SoM, B5 SoM, Tracker",
                new CohortSelector(GEN3, null, null, null, null, null));
        cohorts.createDynamic("demo-electrons", "Electron / E-Series (Gen 2 cellular)",
                new CohortSelector(List.of(10), null, null, null, null, null));
        Integer devices = jdbc.queryForObject("SELECT count(*) FROM device", Integer.class);
        log.info("Demo ready: {} simulated devices, firmware v1-v4, cohorts demo-gen3 and demo-electrons "
                + "(see README 'Your first rollout')", devices);
    }

    private void register(int version, String deviceOs, List<Integer> platforms, String title) {
        firmware.registerOrFind(new RegisterFirmware(product, version, deviceOs, platforms, title,
                "Registered by the demo seeder for the built-in simulator", null, null));
    }

}
