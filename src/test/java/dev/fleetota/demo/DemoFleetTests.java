package dev.fleetota.demo;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.fleetota.IntegrationTest;
import dev.fleetota.particlesim.ParticleSimulator;
import dev.fleetota.particlesim.SimulatorSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo seeding of {@code ./mvnw spring-boot:run} survives the event stream's reconnect sync running at once. */
@IntegrationTest
class DemoFleetTests {

    static final ParticleSimulator SIM = started();

    private static ParticleSimulator started() {
        ParticleSimulator sim = ParticleSimulator.start(SimulatorSettings.builder().port(0).seed(5).strict(true)
            .faultProbabilities(SimulatorSettings.FaultProbabilities.NONE).keepAliveInterval(Duration.ofMillis(500))
            .build());
        sim.seedDemoFirmware();
        sim.seedFleet(20);
        return sim;
    }

    @DynamicPropertySource
    static void simulator(DynamicPropertyRegistry registry) {
        registry.add("fleetota.particle.base-url", SIM::baseUrl);
        registry.add("fleetota.particle.access-token", SIM::accessToken);
        registry.add("fleetota.particle.product", () -> String.valueOf(SIM.productId()));
        registry.add("fleetota.demo.enabled", () -> "true");
    }

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @Autowired
    DemoFleet demo;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void seedingWaitsForASyncAlreadyRunningInsteadOfFailingTheStart() throws Exception {
        CompletableFuture<Void> seeded;
        try (Connection other = dataSource.getConnection(); Statement st = other.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + 0x5359_4E43 + ", 0)"); // the device sync's lock: a sync runs
            seeded = CompletableFuture.runAsync(demo::seed);
            Thread.sleep(500);
            assertThat(seeded).as("waits while the other sync runs").isNotDone();
            st.execute("SELECT pg_advisory_unlock(" + 0x5359_4E43 + ", 0)");
        }

        seeded.get(30, TimeUnit.SECONDS); // throws if the seeding failed
        assertThat(jdbc.queryForObject("SELECT count(*) FROM device", Integer.class)).isEqualTo(20);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM cohort WHERE name LIKE 'demo-%'", Integer.class))
            .isEqualTo(2);
    }

}
