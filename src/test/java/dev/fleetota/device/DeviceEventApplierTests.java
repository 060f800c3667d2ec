package dev.fleetota.device;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import dev.fleetota.IntegrationTest;
import dev.fleetota.events.DeviceEventIntake;
import dev.fleetota.events.EventSource;
import dev.fleetota.events.IncomingEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Device state from events, through the real intake, including duplicates and out-of-order delivery (§13.5). */
@IntegrationTest
class DeviceEventApplierTests {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private static final Instant T0 = Instant.parse("2025-01-10T10:00:00Z");

    @Autowired
    DeviceEventIntake intake;

    @Autowired
    JdbcTemplate jdbc;

    private String device;

    @BeforeEach
    void aKnownDevice() {
        device = String.format("a0a0a0a0a0a0a0a0a0%06x", SEQUENCE.incrementAndGet());
        jdbc.update("INSERT INTO device (id, platform_id, firmware_version) VALUES (?, 13, 3)", device);
    }

    private void event(String name, String data, Instant at, Integer version) {
        intake.accept(new IncomingEvent(name, data, at.toString(), device, version), EventSource.SSE);
    }

    private Map<String, Object> row() {
        return jdbc.queryForMap("SELECT * FROM device WHERE id = ?", device);
    }

    @Test
    void anOfflineEventOlderThanTheLastOnlineIsIgnored() {
        event("spark/status", "online", T0.plusSeconds(10), 3);

        event("spark/status", "offline", T0, 3);

        assertThat(row().get("online")).isEqualTo(true);
    }

    @Test
    void offlineAndOnlineWithTheSameTimestampEndOnlineWhicheverArrivesFirst() {
        event("spark/status", "online", T0, 3);
        event("spark/status", "offline", T0, 3);

        assertThat(row().get("online")).isEqualTo(true);
    }

    @Test
    void offlineFollowedByOnlineWithTheSameTimestampEndsOnline() {
        event("spark/status", "offline", T0, 3);
        event("spark/status", "online", T0, 3);

        assertThat(row().get("online")).isEqualTo(true);
    }

    @Test
    void aNewerOfflineTakesTheDeviceOfflineWithoutMovingLastHeard() {
        event("spark/status", "online", T0, 3);

        event("spark/status", "offline", T0.plusSeconds(60), 3);

        assertThat(row().get("online")).isEqualTo(false);
        assertThat(instant("last_heard")).isEqualTo(T0);
    }

    @Test
    void safeModeThenOnlineWithTheNewVersionClearsSafeMode() {
        event("spark/status", "online", T0, 0);
        event("spark/status/safe-mode", "{\"p\":13,\"m\":[]}", T0.plusSeconds(2), 0);
        assertThat(row().get("safe_mode")).isEqualTo(true);

        event("spark/status", "online", T0.plusSeconds(165), 4);

        assertThat(row()).containsEntry("safe_mode", false).containsEntry("firmware_version", 4);
    }

    @Test
    void aLateSafeModeEventAfterRecoveryDoesNotPutTheDeviceBackIntoSafeMode() {
        event("spark/status", "online", T0.plusSeconds(165), 4);

        event("spark/status/safe-mode", "{\"p\":13}", T0.plusSeconds(2), 0);

        assertThat(row()).containsEntry("safe_mode", false).containsEntry("firmware_version", 4);
    }

    @Test
    void onlineWithVersionZeroMeansNoAppAndLeavesTheVersionAlone() {
        event("spark/status", "online", T0, 0);

        assertThat(row()).containsEntry("firmware_version", 3).containsEntry("online", true);
    }

    @Test
    void anOlderOnlineNeverRollsTheFirmwareVersionBack() {
        event("spark/status", "online", T0.plusSeconds(100), 4);

        event("spark/status", "online", T0, 3);

        assertThat(row().get("firmware_version")).isEqualTo(4);
    }

    @Test
    void lastHeardNeverMovesBackwards() {
        event("spark/device/app-hash", "aa", T0.plusSeconds(50), 3);

        event("hello/world", "x", T0, 3);

        assertThat(instant("last_heard")).isEqualTo(T0.plusSeconds(50));
    }

    @Test
    void resetReasonAppHashAndUpdateFlagsAreRecordedWithoutTrailingSpaces() {
        event("spark/device/last_reset", "update ", T0, 4);
        event("spark/device/app-hash", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", T0, 4);
        event("particle/device/updates/enabled", "false", T0, 4);
        event("particle/device/updates/forced", "true", T0, 4);

        assertThat(row()).containsEntry("last_reset_reason", "update")
            .containsEntry("app_hash", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
            .containsEntry("firmware_updates_enabled", false)
            .containsEntry("firmware_updates_forced", true);
    }

    @Test
    void anOlderResetReasonDoesNotReplaceANewerOne() {
        event("spark/device/last_reset", "update", T0.plusSeconds(10), 4);

        event("spark/device/last_reset", "panic, hard_fault", T0, 4);

        assertThat(row().get("last_reset_reason")).isEqualTo("update");
    }

    @Test
    void vitalsAreStoredWithBatteryAndSignal() {
        event("spark/device/diagnostics/update", "{\"device\":{\"network\":{\"signal\":{\"strength\":88.33}},"
                + "\"power\":{\"battery\":{\"charge\":87.1,\"state\":\"discharging\"}}}}", T0, 4);

        Map<String, Object> row = row();
        assertThat(row).containsEntry("battery_charge", 87.1).containsEntry("signal_strength", 88.33);
        assertThat(row.get("vitals").toString()).contains("discharging");
        assertThat(instant("vitals_at")).isEqualTo(T0);
    }

    @Test
    void aBatteryReportedAsAnErrorHasNoCharge() {
        event("spark/device/diagnostics/update", "{\"device\":{\"power\":{\"battery\":{\"charge\":{\"err\":-210}}}}}",
                T0, 4);

        assertThat(row().get("battery_charge")).isNull();
        assertThat(row().get("vitals")).isNotNull();
    }

    @Test
    void aDuplicateEventChangesNothingTwice() {
        event("spark/status", "online", T0, 3);
        Object versionAfterFirst = row().get("version");

        event("spark/status", "online", T0, 3);

        assertThat(row().get("version")).isEqualTo(versionAfterFirst);
    }

    @Test
    void eventsOfUnknownDevicesCreateNothing() {
        String unknown = "ffffffffffffffffffffff01";

        intake.accept(new IncomingEvent("spark/status", "online", T0.toString(), unknown, 3), EventSource.WEBHOOK);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM device WHERE id = ?", Integer.class, unknown)).isZero();
    }

    /**
     * Events of every kind for one device, with ties between kinds that share a field and within one kind: applied
     * in one intake batch they end in the same state as applied one by one, whatever the arrival order.
     */
    @Test
    void aBatchOfOneDeviceEndsInTheSameStateAsItsEventsOneByOne() {
        List<IncomingEvent> events = new ArrayList<>(List.of(
                incoming("spark/status", "online", T0, 3),
                incoming("spark/status/safe-mode", "{\"p\":13}", T0.plusSeconds(5), 0),
                incoming("spark/status", "online", T0.plusSeconds(5), 4),
                incoming("spark/status", "online", T0.plusSeconds(5), 5),
                incoming("spark/status", "offline", T0.plusSeconds(5), 5),
                incoming("spark/status", "offline", T0.plusSeconds(8), 5),
                incoming("spark/status/safe-mode", "{\"p\":13}", T0.plusSeconds(9), 0),
                incoming("spark/device/last_reset", "update", T0.plusSeconds(7), 4),
                incoming("spark/device/last_reset", "panic", T0.plusSeconds(7), 4),
                incoming("spark/device/app-hash", "aa", T0.plusSeconds(3), 4),
                incoming("particle/device/updates/enabled", "false", T0.plusSeconds(4), 4),
                incoming("particle/device/updates/enabled", "true", T0.plusSeconds(2), 4),
                incoming("particle/device/updates/forced", "maybe", T0.plusSeconds(12), 4),
                incoming("spark/device/diagnostics/update",
                        "{\"device\":{\"power\":{\"battery\":{\"charge\":50.5}}}}", T0.plusSeconds(6), 4),
                incoming("spark/device/diagnostics/update", "not json", T0.plusSeconds(11), 4),
                incoming("particle/device/updates/pending", "true", T0.plusSeconds(30), 4),
                incoming("hello/world", "x", T0.plusSeconds(1), 4)));
        List<List<IncomingEvent>> orders = new ArrayList<>();
        orders.add(List.copyOf(events));
        List<IncomingEvent> reversed = new ArrayList<>(events);
        Collections.reverse(reversed);
        orders.add(reversed);
        for (long seed = 1; seed <= 4; seed++) {
            List<IncomingEvent> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, new Random(seed));
            orders.add(shuffled);
        }
        for (List<IncomingEvent> order : orders) {
            String oneByOne = newDevice();
            String batched = newDevice();
            order.forEach(e -> intake.accept(forDevice(e, oneByOne), EventSource.SSE));

            intake.acceptAll(order.stream().map(e -> forDevice(e, batched)).toList(), EventSource.SSE);

            assertThat(state(batched)).as("batch of %s", order.stream().map(IncomingEvent::name).toList())
                .isEqualTo(state(oneByOne));
        }
    }

    /**
     * Several devices with several events of each kind in one batch (a set-based statement changes a row only once,
     * so a device's second event of a kind must go in a later statement): same state as one by one, per device.
     */
    @Test
    void aBatchOfSeveralDevicesWithSeveralEventsOfOneKindEndsAsTheirEventsOneByOne() {
        List<String> oneByOne = List.of(newDevice(), newDevice(), newDevice());
        List<String> batched = List.of(newDevice(), newDevice(), newDevice());
        List<IncomingEvent> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Instant at = T0.plusSeconds(i % 4 == 3 ? 1 : i);
            events.add(incoming("spark/status", i % 2 == 0 ? "online" : "offline", at, 3 + i));
            events.add(incoming("spark/device/last_reset", "r" + i, at, 4));
        }

        for (int i = 0; i < events.size(); i++) {
            intake.accept(forDevice(events.get(i), oneByOne.get(i % 3)), EventSource.SSE);
        }
        List<IncomingEvent> batch = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            batch.add(forDevice(events.get(i), batched.get(i % 3)));
        }
        intake.acceptAll(batch, EventSource.SSE);

        for (int d = 0; d < 3; d++) {
            assertThat(state(batched.get(d))).as("device %d", d).isEqualTo(state(oneByOne.get(d)));
        }
        assertThat(state(batched.get(0)).get("version")).as("one increment per event applied").isEqualTo(8L);
    }

    @Test
    void aBatchAppliesEachDevicesEventsAndIgnoresUnknownDevices() {
        String other = newDevice();
        String unknown = "ffffffffffffffffffffff02";

        intake.acceptAll(List.of(incoming("spark/status", "online", T0, 4),
                forDevice(incoming("spark/status", "online", T0, 4), unknown),
                forDevice(incoming("spark/status/safe-mode", "{}", T0.plusSeconds(1), 0), other),
                incoming("spark/device/app-hash", "bb", T0.plusSeconds(2), 4),
                forDevice(incoming("spark/device/app-hash", "cc", T0.plusSeconds(2), 4), unknown)),
                EventSource.SSE);

        assertThat(row()).containsEntry("online", true).containsEntry("firmware_version", 4)
            .containsEntry("app_hash", "bb");
        assertThat(state(other)).containsEntry("safe_mode", true).containsEntry("online", false);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM device WHERE id = ?", Integer.class, unknown)).isZero();
    }

    private String newDevice() {
        String id = String.format("a0a0a0a0a0a0a0a0a0%06x", SEQUENCE.incrementAndGet());
        jdbc.update("INSERT INTO device (id, platform_id, firmware_version) VALUES (?, 13, 3)", id);
        return id;
    }

    private IncomingEvent incoming(String name, String data, Instant at, Integer version) {
        return new IncomingEvent(name, data, at.toString(), device, version);
    }

    private static IncomingEvent forDevice(IncomingEvent event, String deviceId) {
        return new IncomingEvent(event.name(), event.data(), event.publishedAt(), deviceId, event.productVersion());
    }

    /** Everything events can change, with the row version (one increment per applied statement). */
    private Map<String, Object> state(String deviceId) {
        return jdbc.queryForMap("""
                SELECT online, online_changed_at, last_heard, firmware_version, firmware_reported_at, safe_mode,
                       safe_mode_changed_at, last_reset_reason, last_reset_at, app_hash, app_hash_at,
                       firmware_updates_enabled, updates_enabled_at, firmware_updates_forced, updates_forced_at,
                       vitals::text AS vitals, vitals_at, battery_charge, signal_strength, version
                FROM device WHERE id = ?
                """, deviceId);
    }

    private Instant instant(String column) {
        return jdbc.queryForObject("SELECT " + column + " FROM device WHERE id = ?", java.sql.Timestamp.class, device)
            .toInstant();
    }

}
