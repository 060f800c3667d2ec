package dev.fleetota.cohort;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import dev.fleetota.api.PageResponse;
import dev.fleetota.common.NotFoundException;
import dev.fleetota.device.DeviceService;
import dev.fleetota.device.DeviceView;

import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Cohort queries: views, members (static and selector matches) and resolution for the rollout engine. */
@Service
public class CohortService {

    static final int PREVIEW_SAMPLE = 20;

    private final CohortRepository cohorts;

    private final CohortMembers members;

    private final DeviceService devices;

    private final JdbcTemplate jdbc;

    CohortService(CohortRepository cohorts, CohortMembers members, DeviceService devices, JdbcTemplate jdbc) {
        this.cohorts = cohorts;
        this.members = members;
        this.devices = devices;
        this.jdbc = jdbc;
    }

    /** A cohort with its static members; 404 when unknown. */
    @Transactional(readOnly = true)
    public CohortView get(long id) {
        return view(load(id));
    }

    /**
     * The ids of all current (not removed) devices in any of the cohorts, static members and selector matches,
     * sorted and distinct, computed with one query. 404 when a cohort does not exist.
     */
    @Transactional(readOnly = true)
    public List<String> resolveDeviceIds(Collection<Long> cohortIds) {
        Set<Long> ids = new TreeSet<>(cohortIds);
        List<Cohort> found = cohorts.findAllById(ids);
        if (found.size() != ids.size()) {
            Long missing = ids.stream().filter(id -> found.stream().noneMatch(c -> c.getId().equals(id))).findFirst()
                .orElseThrow();
            throw new NotFoundException("cohort", missing);
        }
        MembershipSql sql = MembershipSql.of(ids, found.stream().map(Cohort::getSelector).filter(Objects::nonNull)
            .toList());
        return jdbc.queryForList("SELECT d.id" + sql.from() + " ORDER BY d.id", String.class, sql.paramsWith());
    }

    @Transactional(readOnly = true)
    PageResponse<CohortSummary> list(int page, int size) {
        var result = cohorts.findAll(PageRequest.of(page, size, Sort.by("name", "id")));
        Map<Long, Long> counts = members.counts(result.map(Cohort::getId).getContent());
        return PageResponse.of(result, c -> new CohortSummary(c.getId(), c.getName(), c.getDescription(),
                counts.getOrDefault(c.getId(), 0L), c.getSelector(), c.getCreatedAt(), c.getUpdatedAt()));
    }

    @Transactional(readOnly = true)
    PageResponse<DeviceView> devices(long id, int page, int size) {
        Cohort cohort = load(id);
        MembershipSql sql = MembershipSql.of(List.of(id),
                cohort.getSelector() == null ? List.of() : List.of(cohort.getSelector()));
        Long total = jdbc.queryForObject("SELECT count(*)" + sql.from(), Long.class, sql.paramsWith());
        List<String> pageIds = jdbc.queryForList("SELECT d.id" + sql.from() + " ORDER BY d.id LIMIT ? OFFSET ?",
                String.class, sql.paramsWith(size, (long) page * size));
        return PageResponse.of(new PageImpl<>(devices.findViews(pageIds), PageRequest.of(page, size),
                total == null ? 0 : total));
    }

    @Transactional(readOnly = true)
    CohortPreview preview(CohortSelector selector) {
        MembershipSql sql = MembershipSql.of(List.of(), List.of(selector));
        Long count = jdbc.queryForObject("SELECT count(*)" + sql.from(), Long.class, sql.paramsWith());
        List<String> sample = jdbc.queryForList("SELECT d.id" + sql.from() + " ORDER BY d.id LIMIT ?", String.class,
                sql.paramsWith(PREVIEW_SAMPLE));
        return new CohortPreview(count == null ? 0 : count, sample);
    }

    CohortView view(Cohort cohort) {
        return new CohortView(cohort.getId(), cohort.getName(), cohort.getDescription(), members.ids(cohort.getId()),
                cohort.getSelector(), cohort.getCreatedAt(), cohort.getUpdatedAt(), cohort.getVersion());
    }

    private Cohort load(long id) {
        return cohorts.findById(id).orElseThrow(() -> new NotFoundException("cohort", id));
    }

}
