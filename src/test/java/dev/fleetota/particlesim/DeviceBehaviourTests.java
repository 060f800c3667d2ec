package dev.fleetota.particlesim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Night sleep in the device's time zone, slow links, devices that never start, silent power loss. */
class DeviceBehaviourTests {

    private ParticleSimulator sim;

    @AfterEach
    void stop() {
        sim.close();
    }

    private void start(Clock clock) {
        sim = ParticleSimulator.start(SimulatorSettings.builder().timeScale(1000).strict(true).clock(clock)
                .nightHours(0, 5).cellularOfflineLag(Duration.ofMinutes(10)).build());
        sim.addFirmware(3, "4.0.2");
        sim.addFirmware(4, "4.2.0");
    }

    @Test
    void deviceOfflineAtNightSleepsInItsLocalNightAndWakesAfterIt() {
        MutableClock clock = new MutableClock(Instant.parse("2025-03-10T01:00:00Z"));
        start(clock);
        String id = sim.addDevice(DeviceSpec.of(Platform.BORON).withTimeZone(ZoneId.of("Europe/London"))
                .withFault(Fault.NONE.withOfflineAtNight())).id();

        await().atMost(Duration.ofSeconds(5)).until(() -> sim.device(id).asleep());
        assertThat(sim.device(id).online()).isFalse();
        assertThat(names(id)).containsExactly("spark/status=offline");

        clock.set(Instant.parse("2025-03-10T07:00:00Z"));
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.device(id).online());
        assertThat(names(id)).startsWith("spark/status=offline", "spark/status=online");
    }

    @Test
    void deviceInADaytimeZoneStaysOnlineAtTheSameInstant() throws InterruptedException {
        start(new MutableClock(Instant.parse("2025-03-10T01:00:00Z")));
        String id = sim.addDevice(DeviceSpec.of(Platform.BORON).withTimeZone(ZoneId.of("Asia/Tokyo"))
                .withFault(Fault.NONE.withOfflineAtNight())).id();

        Thread.sleep(400);

        assertThat(sim.device(id).online()).isTrue();
    }

    @Test
    void slowLinkStretchesTheTransfer() {
        start(Clock.systemUTC());
        String normal = sim.addDevice(DeviceSpec.of(Platform.BORON).withDeviceOs("4.2.0").withFirmware(3)).id();
        String slow = sim.addDevice(DeviceSpec.of(Platform.BORON).withDeviceOs("4.2.0").withFirmware(3)
                .withFault(Fault.NONE.withLinkSlowdown(5))).id();
        SimClient client = new SimClient(sim);

        for (String id : List.of(normal, slow)) {
            client.putJson("/v1/products/" + sim.productId() + "/devices/" + id,
                    "{\"desired_firmware_version\":4,\"flash\":true}");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.device(slow).firmwareVersion() == 4);

        assertThat(transferMillis(normal)).isBetween(2_500L, 3_500L);
        assertThat(transferMillis(slow)).isBetween(12_500L, 17_500L);
    }

    @Test
    void deviceThatNeverStartsStaysSilentAfterTheLock() throws InterruptedException {
        start(Clock.systemUTC());
        String id = sim.addDevice(DeviceSpec.of(Platform.BORON).withDeviceOs("4.2.0").withFirmware(3)
                .withFault(Fault.NONE.withNeverStarts())).id();

        new SimClient(sim).putJson("/v1/products/" + sim.productId() + "/devices/" + id,
                "{\"desired_firmware_version\":4,\"flash\":true}");
        Thread.sleep(300);

        assertThat(sim.timeline(id)).isEmpty();
        assertThat(sim.flashCommands(id)).hasSize(1);
        assertThat(sim.device(id).targetedFirmwareVersion()).isEqualTo(4);
    }

    @Test
    void silentPowerLossLeavesTheDeviceOnlineUntilTheCloudNoticesOrAPingProbes() {
        start(Clock.systemUTC());
        String id = sim.addDevice(DeviceSpec.of(Platform.BORON)).id();
        SimClient client = new SimClient(sim);

        sim.powerOff(id);
        boolean onlineRightAfter = client.getJson("/v1/products/" + sim.productId() + "/devices/" + id)
                .get("online").asBoolean();
        boolean pinged = client.getJson("/v1/products/" + sim.productId() + "/devices/" + id).get("online")
                .asBoolean() && !SimClient.json(client.putJson("/v1/products/" + sim.productId() + "/devices/" + id
                        + "/ping", "{}")).get("online").asBoolean();

        assertThat(onlineRightAfter).isTrue();
        assertThat(pinged).isTrue();
        assertThat(sim.device(id).online()).isFalse();
    }

    private long transferMillis(String id) {
        return sim.timeline(id).stream().filter(e -> e.data().equals("success ")).findFirst().orElseThrow()
                .stepDelayMillis();
    }

    private List<String> names(String id) {
        return sim.timeline(id).stream().map(e -> e.name() + "=" + e.data()).toList();
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {

        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

    }

}
