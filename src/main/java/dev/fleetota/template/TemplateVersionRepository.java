package dev.fleetota.template;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface TemplateVersionRepository extends JpaRepository<TemplateVersion, Long> {

    Optional<TemplateVersion> findByTemplateIdAndVersion(long templateId, int version);

    List<TemplateVersion> findByTemplateIdOrderByVersionDesc(long templateId);

    /** The current version of each of the templates. */
    @Query("""
            SELECT v FROM TemplateVersion v, RolloutTemplate t
            WHERE v.templateId = t.id AND v.version = t.currentVersion AND t.id IN :templateIds
            """)
    List<TemplateVersion> findCurrent(Collection<Long> templateIds);

}
