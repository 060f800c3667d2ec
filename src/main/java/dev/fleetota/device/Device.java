package dev.fleetota.device;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.fleetota.common.SemVer;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import org.springframework.util.Assert;

/**
 * A device of the fleet. Cloud fields come from Particle (sync and events); tags, site and time zone are local
 * and only changed through the API. The Device OS version and its order-preserving rank always change together.
 */
@Entity
@Table(name = "device")
class Device {

    @Id
    @Column(length = 24)
    private String id;

    private String name;

    @Column(name = "serial_number")
    private String serialNumber;

    @Column(name = "product_id")
    private Integer productId;

    @Column(name = "platform_id", nullable = false)
    private int platformId;

    private boolean cellular;

    private String iccid;

    private String imei;

    @Enumerated(EnumType.STRING)
    @Column(name = "sim_kind", nullable = false)
    private SimKind simKind = SimKind.NONE;

    @Column(name = "device_os_version")
    private String deviceOsVersion;

    @Column(name = "device_os_rank")
    private Long deviceOsRank;

    @Column(name = "firmware_version")
    private Integer firmwareVersion;

    @Column(name = "desired_firmware_version")
    private Integer desiredFirmwareVersion;

    @Column(name = "targeted_firmware_version")
    private Integer targetedFirmwareVersion;

    private boolean development;

    @Column(name = "firmware_updates_enabled")
    private boolean firmwareUpdatesEnabled = true;

    @Column(name = "firmware_updates_forced")
    private boolean firmwareUpdatesForced;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "particle_groups", nullable = false)
    private String[] particleGroups = new String[0];

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    private String[] tags = new String[0];

    private String site;

    @Column(name = "time_zone")
    private String timeZone;

    private boolean online;

    @Column(name = "safe_mode")
    private boolean safeMode;

    @Column(name = "last_heard")
    private Instant lastHeard;

    @Column(name = "last_handshake_at")
    private Instant lastHandshakeAt;

    @Column(name = "last_reset_reason")
    private String lastResetReason;

    @Column(name = "app_hash")
    private String appHash;

    @Column(name = "battery_charge")
    private Double batteryCharge;

    @Column(name = "signal_strength")
    private Double signalStrength;

    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, Object> vitals;

    @Column(name = "vitals_at")
    private Instant vitalsAt;

    @Column(name = "removed_at")
    private Instant removedAt;

    @Column(name = "synced_at")
    private Instant syncedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Device() {
        // for JPA
    }

    Device(String id, int platformId, Instant now) {
        Assert.isTrue(DeviceIds.isValid(id) && id.equals(id.toLowerCase()), "id must be 24 lowercase hex characters");
        this.id = id;
        this.platformId = platformId;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Sets the Device OS version the device reported, with its rank (null rank when it is not a semver). */
    void reportDeviceOs(String version, Instant now) {
        SemVer parsed = SemVer.parseOrNull(version);
        this.deviceOsVersion = version;
        this.deviceOsRank = parsed == null ? null : parsed.rank();
        this.updatedAt = now;
    }

    void changeTags(List<String> newTags, Instant now) {
        this.tags = newTags == null ? new String[0] : newTags.toArray(String[]::new);
        this.updatedAt = now;
    }

    void changeSite(String newSite, Instant now) {
        this.site = newSite;
        this.updatedAt = now;
    }

    void changeTimeZone(String newTimeZone, Instant now) {
        this.timeZone = newTimeZone;
        this.updatedAt = now;
    }

    String getId() {
        return id;
    }

    List<String> getTags() {
        return List.of(tags);
    }

    String getSite() {
        return site;
    }

    String getTimeZone() {
        return timeZone;
    }

    String getDeviceOsVersion() {
        return deviceOsVersion;
    }

    Long getDeviceOsRank() {
        return deviceOsRank;
    }

    boolean isRemoved() {
        return removedAt != null;
    }

}
