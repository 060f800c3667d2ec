package dev.fleetota.device;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.fleetota.audit.AuditOutcome;
import dev.fleetota.audit.AuditService;
import dev.fleetota.common.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Changes the fields fleet-ota owns on a device (tags, site, time zone), audited in the same transaction. */
@Service
class DeviceLocalFields {

    private final DeviceRepository devices;

    private final DeviceService queries;

    private final AuditService audit;

    private final Clock clock;

    DeviceLocalFields(DeviceRepository devices, DeviceService queries, AuditService audit, Clock clock) {
        this.devices = devices;
        this.queries = queries;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    DeviceView patch(String id, DevicePatch patch) {
        String deviceId = DeviceIds.normalize(id);
        Device device = devices.findById(deviceId).orElseThrow(() -> new NotFoundException("device", deviceId));
        if (!patch.isEmpty()) {
            apply(device, patch, clock.instant());
            devices.flush();
            audit.record("device.update", DeviceService.RESOURCE, deviceId, AuditOutcome.SUCCESS, changes(patch));
        }
        return queries.get(deviceId);
    }

    private static void apply(Device device, DevicePatch patch, Instant now) {
        if (patch.hasTags()) {
            device.changeTags(patch.tags(), now);
        }
        if (patch.hasSite()) {
            device.changeSite(patch.site(), now);
        }
        if (patch.hasTimeZone()) {
            device.changeTimeZone(patch.timeZone(), now);
        }
    }

    private static Map<String, Object> changes(DevicePatch patch) {
        Map<String, Object> changes = new LinkedHashMap<>();
        if (patch.hasTags()) {
            changes.put("tags", patch.tags());
        }
        if (patch.hasSite()) {
            changes.put("site", patch.site());
        }
        if (patch.hasTimeZone()) {
            changes.put("timeZone", patch.timeZone());
        }
        return changes;
    }

}
