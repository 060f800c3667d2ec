package dev.fleetota.firmware;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import dev.fleetota.common.SemVer;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A registered product firmware release. Immutable once registered. */
@Entity
@Table(name = "firmware_release")
class FirmwareRelease {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "product_id", nullable = false)
    private int productId;

    @Column(nullable = false)
    private int version;

    @Column(name = "device_os_version", nullable = false)
    private String deviceOsVersion;

    @Column(name = "device_os_rank", nullable = false)
    private long deviceOsRank;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "platform_ids", nullable = false)
    private Integer[] platformIds;

    @Column(nullable = false)
    private String title;

    private String notes;

    @Column(name = "git_sha")
    private String gitSha;

    private String checksum;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected FirmwareRelease() {
        // for JPA
    }

    FirmwareRelease(int productId, RegisterFirmware cmd, String createdBy, Instant now) {
        SemVer deviceOs = SemVer.parse(cmd.deviceOsVersion());
        this.productId = productId;
        this.version = cmd.version();
        this.deviceOsVersion = deviceOs.toString();
        this.deviceOsRank = deviceOs.rank();
        this.platformIds = normalized(cmd.platformIds());
        this.title = cmd.title().trim();
        this.notes = cmd.notes();
        this.gitSha = cmd.gitSha();
        this.checksum = cmd.checksum();
        this.createdBy = createdBy;
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps
    }

    /** True when {@code cmd} describes exactly this release (a retried registration). */
    boolean hasSameContentAs(RegisterFirmware cmd) {
        return deviceOsVersion.equals(SemVer.parse(cmd.deviceOsVersion()).toString())
                && Arrays.equals(platformIds, normalized(cmd.platformIds())) && title.equals(cmd.title().trim())
                && Objects.equals(notes, cmd.notes()) && Objects.equals(gitSha, cmd.gitSha())
                && Objects.equals(checksum, cmd.checksum());
    }

    Long getId() {
        return id;
    }

    FirmwareView toView() {
        return new FirmwareView(id, productId, version, deviceOsVersion, List.of(platformIds), title, notes, gitSha,
                checksum, createdBy, createdAt);
    }

    private static Integer[] normalized(List<Integer> ids) {
        return ids.stream().distinct().sorted().toArray(Integer[]::new);
    }

}
