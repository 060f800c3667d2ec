package dev.fleetota.cohort;

import java.time.Clock;
import java.util.Map;

import dev.fleetota.audit.Actors;
import dev.fleetota.audit.AuditOutcome;
import dev.fleetota.audit.AuditService;
import dev.fleetota.common.ConflictException;
import dev.fleetota.common.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which cohort is mirrored to which Particle device group. Configuring a mirror changes nothing at Particle; the
 * next sync ({@link GroupMirrorSync}) does. Removing a mirror leaves the Particle group and its members as they are.
 */
@Service
class GroupMirrors {

    static final String RESOURCE = "group mirror of cohort";

    private final GroupMirrorStore store;

    private final CohortService cohorts;

    private final AuditService audit;

    private final Clock clock;

    GroupMirrors(GroupMirrorStore store, CohortService cohorts, AuditService audit, Clock clock) {
        this.store = store;
        this.cohorts = cohorts;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    GroupMirrorView get(long cohortId) {
        return store.find(cohortId).orElseThrow(() -> new NotFoundException(RESOURCE, cohortId));
    }

    /** Mirrors the cohort to {@code groupName} (or changes the group it is mirrored to). */
    @Transactional
    GroupMirrorView configure(long cohortId, GroupMirrorRequest request) {
        cohorts.get(cohortId);
        String group = request.groupName();
        store.cohortMirroring(group).filter(other -> other != cohortId).ifPresent(other -> {
            throw new ConflictException("group-already-mirrored", "Group already mirrored",
                    "Particle group '" + group + "' already mirrors cohort " + other + ".",
                    Map.of("groupName", group, "cohortId", other));
        });
        store.upsert(cohortId, group, Actors.current(), clock.instant());
        audit.record("cohort.group-mirror.configure", "cohort", String.valueOf(cohortId), AuditOutcome.SUCCESS,
                Map.of("groupName", group));
        return get(cohortId);
    }

    @Transactional
    void remove(long cohortId) {
        GroupMirrorView mirror = get(cohortId);
        store.delete(cohortId);
        audit.record("cohort.group-mirror.remove", "cohort", String.valueOf(cohortId), AuditOutcome.SUCCESS,
                Map.of("groupName", mirror.groupName()));
    }

}
