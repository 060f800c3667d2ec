package dev.fleetota;

import java.security.SecureRandom;
import java.util.HexFormat;

import dev.fleetota.common.SemVer;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Inserts device rows for integration tests, each with a random id so tests never collide.
 *
 * <pre>
 * String id = TestDevices.device().platform(13).deviceOs("5.9.0").tags("north").insert(jdbc);
 * </pre>
 */
public final class TestDevices {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestDevices() {
    }

    /** A random Particle device id: 24 lowercase hex characters. */
    public static String randomId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static Builder device() {
        return new Builder();
    }

    /** A device row; unset fields get the table defaults (Boron, no SIM, offline, no tags). */
    public static final class Builder {

        private String id = randomId();

        private String name;

        private String serial;

        private int platform = 13;

        private String simKind = "NONE";

        private String deviceOs;

        private String[] tags = new String[0];

        private String site;

        private boolean online;

        private boolean removed;

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder serial(String serial) {
            this.serial = serial;
            return this;
        }

        public Builder platform(int platform) {
            this.platform = platform;
            return this;
        }

        public Builder simKind(String simKind) {
            this.simKind = simKind;
            return this;
        }

        public Builder deviceOs(String deviceOs) {
            this.deviceOs = deviceOs;
            return this;
        }

        public Builder tags(String... tags) {
            this.tags = tags;
            return this;
        }

        public Builder site(String site) {
            this.site = site;
            return this;
        }

        public Builder online(boolean online) {
            this.online = online;
            return this;
        }

        public Builder removed() {
            this.removed = true;
            return this;
        }

        /** Inserts the row and returns the device id. */
        public String insert(JdbcTemplate jdbc) {
            Long rank = deviceOs == null ? null : SemVer.parse(deviceOs).rank();
            jdbc.update("INSERT INTO device (id, name, serial_number, platform_id, sim_kind, device_os_version,"
                    + " device_os_rank, tags, site, online, removed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " CASE WHEN ? THEN now() END)", id, name, serial, platform, simKind, deviceOs, rank, tags, site,
                    online, removed);
            return id;
        }

    }

}
