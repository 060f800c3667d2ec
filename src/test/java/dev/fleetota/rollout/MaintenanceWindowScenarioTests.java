package dev.fleetota.rollout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.fleetota.IntegrationTest;
import dev.fleetota.particlesim.DeviceSpec;
import dev.fleetota.particlesim.ParticleSimulator;
import dev.fleetota.particlesim.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A window that closes mid-rollout stops new flashes; the rollout goes on in the next window; no flash is ever sent
 * outside a window. The engine and the simulator share a clock the test moves forward.
 */
@IntegrationTest
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@Import(MaintenanceWindowScenarioTests.SharedClock.class)
class MaintenanceWindowScenarioTests {

    static final MutableClock CLOCK = new MutableClock();

    static final ParticleSimulator SIM = ParticleSimulator.start(SimulatedFleet.settings(7).clock(CLOCK).build());

    @TestConfiguration
    static class SharedClock {

        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }

    }

    @DynamicPropertySource
    static void simulator(DynamicPropertyRegistry registry) {
        SimulatedFleet.register(registry, SIM);
    }

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void windowClosingMidRolloutStopsNewFlashesUntilTheNextWindow() throws Exception {
        ScenarioDriver driver = new ScenarioDriver(context, mvc, SIM);
        SIM.addFirmware(2, "4.2.0");
        SIM.addFirmware(3, "4.2.0");
        List<String> devices = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            devices.add(SIM.addDevice(DeviceSpec.of(Platform.BORON).withDeviceOs("4.2.0").withFirmware(2)).id());
        }
        LocalTime now = LocalTime.ofInstant(CLOCK.instant(), ZoneOffset.UTC);
        MaintenanceWindow window = new MaintenanceWindow(Set.of(), now.minusMinutes(30), now.plusMinutes(30), "UTC");
        String policy = """
                {"batches": {"canarySize": 4, "batchSize": 8, "soak": "PT0S", "approvalAfterCanary": true},
                 "safety": {"verifyPeriod": "PT0.3S"}, "preflight": {"maxLastHeardAge": "P3D"},
                 "schedule": {"windows": [{"start": "%s", "end": "%s", "timeZone": "UTC"}]}}
                """.formatted(window.start(), window.end());
        driver.syncDevices();
        long firmware = driver.registerFirmware(3, "4.2.0", List.of(13));
        long id = driver.createRollout("windows", firmware, driver.createCohort("windows", devices), policy);
        List<String> second = com.jayway.jsonpath.JsonPath.read(driver.planJson(id), "$.batches[1].deviceIds");

        driver.action(id, "start");
        driver.driveUntil(Duration.ofSeconds(60), () -> driver.statusIs(id, "WAITING") || driver.describeQuietly(id));
        CLOCK.advance(Duration.ofHours(2));
        driver.action(id, "approve");
        driver.driveFor(Duration.ofSeconds(3));

        assertThat(driver.status(id)).isEqualTo("WAITING");
        assertThat(SimulatedFleet.totalFlashes(SIM, second)).isZero();

        CLOCK.advance(Duration.ofHours(22));
        driver.driveUntil(Duration.ofSeconds(60), () -> driver.statusIs(id, "COMPLETED") || driver.describeQuietly(id));

        assertThat(driver.counts(id).get("SUCCEEDED")).isEqualTo(12);
        List<Instant> claimed = jdbc.queryForList("SELECT claimed_at FROM flash_command", java.sql.Timestamp.class)
            .stream()
            .map(java.sql.Timestamp::toInstant)
            .toList();
        assertThat(claimed).hasSize(12).allSatisfy(at -> assertThat(window.isOpen(at, ZoneOffset.UTC)).isTrue());
    }

}
