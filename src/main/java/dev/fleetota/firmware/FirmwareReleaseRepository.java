package dev.fleetota.firmware;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface FirmwareReleaseRepository extends JpaRepository<FirmwareRelease, Long> {

    Optional<FirmwareRelease> findByProductIdAndVersion(int productId, int version);

    Page<FirmwareRelease> findByProductId(int productId, Pageable pageable);

}
