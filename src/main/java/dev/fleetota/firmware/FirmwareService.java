package dev.fleetota.firmware;

import java.util.Optional;

import dev.fleetota.api.PageResponse;
import dev.fleetota.common.NotFoundException;
import jakarta.validation.Valid;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;

/** Firmware releases for other modules (the rollout engine, promotions) and the read API. */
@Service
@Validated
public class FirmwareService {

    private final FirmwareReleaseRepository releases;

    private final FirmwareRegistration registration;

    FirmwareService(FirmwareReleaseRepository releases, FirmwareRegistration registration) {
        this.releases = releases;
        this.registration = registration;
    }

    /** A release by id; 404 when unknown. */
    @Transactional(readOnly = true)
    public FirmwareView get(long id) {
        return releases.findById(id)
            .map(FirmwareRelease::toView)
            .orElseThrow(() -> new NotFoundException("firmware", id));
    }

    @Transactional(readOnly = true)
    public Optional<FirmwareView> find(int productId, int version) {
        return releases.findByProductIdAndVersion(productId, version).map(FirmwareRelease::toView);
    }

    /**
     * Registers a release, or returns the existing identical one ({@code created == false}) so retries are safe;
     * the same (product, version) with different content is a 409 {@link dev.fleetota.common.ConflictException}.
     */
    @Transactional
    public RegistrationResult registerOrFind(@Valid RegisterFirmware cmd) {
        return registration.registerOrFind(cmd);
    }

    @Transactional(readOnly = true)
    PageResponse<FirmwareView> list(Integer productId, int page, int size) {
        PageRequest pageable = PageRequest.of(page, size, Sort.by(Sort.Order.desc("id")));
        return PageResponse.of(productId == null ? releases.findAll(pageable)
                : releases.findByProductId(productId, pageable), FirmwareRelease::toView);
    }

}
