package dev.fleetota.cohort;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.fleetota.audit.AuditOutcome;
import dev.fleetota.audit.AuditService;
import dev.fleetota.common.ConflictException;
import dev.fleetota.common.NotFoundException;
import dev.fleetota.particle.ParticleClient;
import dev.fleetota.particle.ParticleDevice;
import dev.fleetota.particle.ParticleGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Makes each mirrored Particle group's membership equal its cohort's, one way: devices of the cohort that Particle
 * lists in the product are added, every other device in the group is removed, in batches of
 * {@code fleetota.cohort.group-mirror.batch-size} through the batch group change. The group's actual membership is
 * read from Particle's device list (read once for all mirrors of a run). No transaction is held across a Particle call;
 * a short claim in PostgreSQL keeps two instances from syncing one mirror at the same time. A group that has product
 * firmware released to it is never changed: adding a device to it would make Particle update the device.
 */
@Service
public class GroupMirrorSync {

    private static final Logger log = LoggerFactory.getLogger(GroupMirrorSync.class);

    private final GroupMirrorStore store;

    private final CohortService cohorts;

    private final ParticleClient particle;

    private final AuditService audit;

    private final GroupMirrorProperties properties;

    private final Clock clock;

    GroupMirrorSync(GroupMirrorStore store, CohortService cohorts, ParticleClient particle, AuditService audit,
            GroupMirrorProperties properties, Clock clock) {
        this.store = store;
        this.cohorts = cohorts;
        this.particle = particle;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /** Syncs one mirror now; 409 when another sync of it is running, a Particle problem when Particle fails. */
    public GroupSyncReport sync(long cohortId) {
        GroupMirrorView mirror = store.find(cohortId)
            .orElseThrow(() -> new NotFoundException(GroupMirrors.RESOURCE, cohortId));
        if (!claim(cohortId)) {
            throw new ConflictException("group-mirror-sync-running", "Sync running",
                    "The mirror of cohort " + cohortId + " is being synced right now; try again shortly.",
                    Map.of("cohortId", cohortId));
        }
        try {
            return syncClaimed(mirror, snapshot());
        }
        catch (RuntimeException ex) {
            failed(mirror, ex);
            throw ex;
        }
    }

    /** Syncs every mirror that no other instance is syncing; failures are recorded per mirror. */
    public List<GroupSyncReport> syncAll() {
        List<GroupMirrorView> mirrors = store.all();
        List<GroupSyncReport> reports = new ArrayList<>();
        if (mirrors.isEmpty()) {
            return reports;
        }
        Snapshot snapshot = snapshot();
        for (GroupMirrorView mirror : mirrors) {
            if (!claim(mirror.cohortId())) {
                continue;
            }
            try {
                reports.add(syncClaimed(mirror, snapshot));
            }
            catch (RuntimeException ex) {
                failed(mirror, ex);
                log.warn("Group mirror of cohort {} to '{}' failed: {}", mirror.cohortId(), mirror.groupName(),
                        ex.getMessage());
            }
        }
        return reports;
    }

    /** Particle's view of the product: every device's groups, and the groups. */
    record Snapshot(Map<String, List<String>> groupsByDevice, Map<String, ParticleGroup> groups) {

        Set<String> membersOf(String group) {
            Set<String> members = new HashSet<>();
            groupsByDevice.forEach((device, groups) -> {
                if (groups.contains(group)) {
                    members.add(device);
                }
            });
            return members;
        }

    }

    private Snapshot snapshot() {
        Map<String, List<String>> byDevice = new HashMap<>();
        for (ParticleDevice device : particle.listAllDevices()) {
            byDevice.put(device.id().toLowerCase(), device.groups() == null ? List.of() : device.groups());
        }
        Map<String, ParticleGroup> groups = new HashMap<>();
        particle.listGroups().forEach(g -> groups.put(g.name(), g));
        return new Snapshot(byDevice, groups);
    }

    private GroupSyncReport syncClaimed(GroupMirrorView mirror, Snapshot snapshot) {
        String group = mirror.groupName();
        boolean created = ensureGroup(mirror, snapshot.groups().get(group));
        Set<String> desired = new TreeSet<>(cohorts.resolveDeviceIds(List.of(mirror.cohortId())));
        Set<String> actual = snapshot.membersOf(group);
        List<String> add = desired.stream()
            .filter(snapshot.groupsByDevice()::containsKey)
            .filter(d -> !actual.contains(d))
            .toList();
        List<String> remove = actual.stream().filter(d -> !desired.contains(d)).sorted().toList();
        int missing = (int) desired.stream().filter(d -> !snapshot.groupsByDevice().containsKey(d)).count();
        inBatches(add, chunk -> particle.changeGroups(chunk, List.of(group), List.of()));
        inBatches(remove, chunk -> particle.changeGroups(chunk, List.of(), List.of(group)));
        GroupSyncReport report = new GroupSyncReport(mirror.cohortId(), group, created, desired.size() - missing,
                add.size(), remove.size(), missing, clock.instant());
        store.succeeded(report);
        audit.record("cohort.group-mirror.sync", "cohort", String.valueOf(mirror.cohortId()), AuditOutcome.SUCCESS,
                detail(report));
        return report;
    }

    private boolean ensureGroup(GroupMirrorView mirror, ParticleGroup existing) {
        if (existing == null) {
            particle.createGroup(mirror.groupName(), "Mirror of fleet-ota cohort " + mirror.cohortId());
            return true;
        }
        if (existing.fwVersion() != null) {
            throw new ConflictException("group-has-released-firmware", "Group has released firmware",
                    "Particle group '" + mirror.groupName() + "' has product firmware v" + existing.fwVersion()
                            + " released to it; mirroring would make Particle update every device added to it.",
                    Map.of("groupName", mirror.groupName(), "fwVersion", existing.fwVersion()));
        }
        return false;
    }

    private void inBatches(List<String> devices, java.util.function.Consumer<List<String>> change) {
        for (int from = 0; from < devices.size(); from += properties.batchSize()) {
            change.accept(devices.subList(from, Math.min(devices.size(), from + properties.batchSize())));
        }
    }

    private boolean claim(long cohortId) {
        Instant now = clock.instant();
        return store.claim(cohortId, now, now.plus(properties.claimTimeout()));
    }

    private void failed(GroupMirrorView mirror, RuntimeException ex) {
        store.failed(mirror.cohortId(), ex.getMessage(), clock.instant());
        audit.record("cohort.group-mirror.sync", "cohort", String.valueOf(mirror.cohortId()), AuditOutcome.FAILED,
                Map.of("groupName", mirror.groupName(), "error", String.valueOf(ex.getMessage())));
    }

    private static Map<String, Object> detail(GroupSyncReport report) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("groupName", report.groupName());
        detail.put("groupCreated", report.groupCreated());
        detail.put("members", report.members());
        detail.put("added", report.added());
        detail.put("removed", report.removed());
        detail.put("missing", report.missing());
        return detail;
    }

}
