package dev.fleetota.firmware;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.fleetota.audit.Actors;
import dev.fleetota.audit.AuditOutcome;
import dev.fleetota.audit.AuditService;
import dev.fleetota.common.ConflictException;
import jakarta.validation.Valid;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;

/** Registers firmware releases: strictly (the API) or idempotently (promotions retried by CI). */
@Service
@Validated
class FirmwareRegistration {

    static final String RESOURCE = "firmware";

    private final FirmwareReleaseRepository releases;

    private final DefaultProduct defaultProduct;

    private final AuditService audit;

    private final Clock clock;

    FirmwareRegistration(FirmwareReleaseRepository releases, DefaultProduct defaultProduct, AuditService audit,
            Clock clock) {
        this.releases = releases;
        this.defaultProduct = defaultProduct;
        this.audit = audit;
        this.clock = clock;
    }

    /** Registers a new release; any existing (product, version) is a 409 naming the existing release. */
    @Transactional
    FirmwareView register(@Valid RegisterFirmware cmd) {
        RegisterFirmware resolved = cmd.withProductId(defaultProduct.resolve(cmd.productId()));
        Optional<FirmwareRelease> existing = releases.findByProductIdAndVersion(resolved.productId(),
                resolved.version());
        if (existing.isPresent()) {
            throw rejected(resolved, existing.get(), "firmware-exists", "Firmware release exists",
                    "already has a release");
        }
        return create(resolved);
    }

    /** Registers a release, or returns the existing one when identical; a different one is a 409. */
    @Transactional
    RegistrationResult registerOrFind(@Valid RegisterFirmware cmd) {
        RegisterFirmware resolved = cmd.withProductId(defaultProduct.resolve(cmd.productId()));
        Optional<FirmwareRelease> existing = releases.findByProductIdAndVersion(resolved.productId(),
                resolved.version());
        if (existing.isEmpty()) {
            return new RegistrationResult(create(resolved), true);
        }
        if (!existing.get().hasSameContentAs(resolved)) {
            throw rejected(resolved, existing.get(), "firmware-content-mismatch", "Firmware release differs",
                    "already has a different release");
        }
        return new RegistrationResult(existing.get().toView(), false);
    }

    private FirmwareView create(RegisterFirmware cmd) {
        FirmwareRelease release = releases.save(new FirmwareRelease(cmd.productId(), cmd, Actors.current(),
                clock.instant()));
        FirmwareView view = release.toView();
        audit.record("firmware.register", RESOURCE, String.valueOf(view.id()), AuditOutcome.SUCCESS, summary(view));
        return view;
    }

    private ConflictException rejected(RegisterFirmware cmd, FirmwareRelease existing, String type, String title,
            String what) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("existingId", existing.getId());
        detail.put("productId", cmd.productId());
        detail.put("version", cmd.version());
        audit.recordRejected("firmware.register", RESOURCE, String.valueOf(existing.getId()), detail);
        return new ConflictException(type, title, "Product " + cmd.productId() + " " + what + " with version "
                + cmd.version() + " (firmware " + existing.getId() + ").", detail);
    }

    private static Map<String, Object> summary(FirmwareView view) {
        return Map.of("productId", view.productId(), "version", view.version(), "deviceOsVersion",
                view.deviceOsVersion(), "platformIds", view.platformIds());
    }

}
