package dev.fleetota.cohort;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Syncs every cohort's Particle group mirror every {@code fleetota.cohort.group-mirror.interval}. */
@Component
class GroupMirrorJob {

    private static final Logger log = LoggerFactory.getLogger(GroupMirrorJob.class);

    private final GroupMirrorSync sync;

    GroupMirrorJob(GroupMirrorSync sync) {
        this.sync = sync;
    }

    @Scheduled(fixedDelayString = "${fleetota.cohort.group-mirror.interval:PT15M}",
            initialDelayString = "${fleetota.cohort.group-mirror.initial-delay:PT2M}")
    void syncAll() {
        try {
            List<GroupSyncReport> reports = sync.syncAll();
            if (!reports.isEmpty()) {
                log.info("Synced {} Particle group mirror(s): {} added, {} removed", reports.size(),
                        reports.stream().mapToInt(GroupSyncReport::added).sum(),
                        reports.stream().mapToInt(GroupSyncReport::removed).sum());
            }
        }
        catch (RuntimeException ex) {
            log.warn("Particle group mirror sync failed: {}", ex.getMessage());
        }
    }

}
