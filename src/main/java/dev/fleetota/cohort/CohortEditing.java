package dev.fleetota.cohort;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.fleetota.audit.AuditOutcome;
import dev.fleetota.audit.AuditService;
import dev.fleetota.common.ConflictException;
import dev.fleetota.common.InvalidRequestException;
import dev.fleetota.common.NotFoundException;
import dev.fleetota.device.DeviceService;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, replaces and deletes cohorts; every change is audited in its transaction. */
@Service
public class CohortEditing {

    static final String RESOURCE = "cohort";

    private static final int MAX_LISTED_UNKNOWN = 100;

    private final CohortRepository cohorts;

    private final CohortMembers members;

    private final CohortService queries;

    private final DeviceService devices;

    private final AuditService audit;

    private final Clock clock;

    CohortEditing(CohortRepository cohorts, CohortMembers members, CohortService queries, DeviceService devices,
            AuditService audit, Clock clock) {
        this.cohorts = cohorts;
        this.members = members;
        this.queries = queries;
        this.devices = devices;
        this.audit = audit;
        this.clock = clock;
    }

    /** Creates a dynamic cohort (selector only), e.g. for the demo fleet; unique name as for the API. */
    @Transactional
    public CohortView createDynamic(String name, String description, CohortSelector selector) {
        return create(new CohortRequest(name, description, null, selector));
    }

    @Transactional
    CohortView create(CohortRequest request) {
        if (cohorts.existsByName(request.name())) {
            throw nameTaken("cohort.create", null, request.name());
        }
        List<String> deviceIds = knownDevices(request);
        Cohort cohort = cohorts.save(new Cohort(request.name(), request.description(), request.selector(),
                clock.instant()));
        members.replace(cohort.getId(), deviceIds);
        audited("cohort.create", cohort.getId(), request, deviceIds.size());
        return queries.view(cohort);
    }

    @Transactional
    CohortView replace(long id, CohortRequest request) {
        Cohort cohort = cohorts.findById(id).orElseThrow(() -> new NotFoundException(RESOURCE, id));
        if (cohorts.existsByNameAndIdNot(request.name(), id)) {
            throw nameTaken("cohort.update", id, request.name());
        }
        List<String> deviceIds = knownDevices(request);
        cohort.redefine(request.name(), request.description(), request.selector(), clock.instant());
        members.replace(id, deviceIds);
        cohorts.flush();
        audited("cohort.update", id, request, deviceIds.size());
        return queries.view(cohort);
    }

    @Transactional
    void delete(long id) {
        Cohort cohort = cohorts.findById(id).orElseThrow(() -> new NotFoundException(RESOURCE, id));
        cohorts.delete(cohort);
        cohorts.flush();
        audit.record("cohort.delete", RESOURCE, String.valueOf(id), AuditOutcome.SUCCESS,
                Map.of("name", cohort.getName()));
    }

    private List<String> knownDevices(CohortRequest request) {
        List<String> deviceIds = request.normalizedDeviceIds();
        List<String> unknown = devices.missingIds(deviceIds);
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException("unknown-devices",
                    unknown.size() + " static member(s) are not known devices; sync the fleet or fix the ids.",
                    Map.of("unknownDeviceIds", unknown.subList(0, Math.min(unknown.size(), MAX_LISTED_UNKNOWN)),
                            "unknownCount", unknown.size()));
        }
        return deviceIds;
    }

    private ConflictException nameTaken(String action, Long id, String name) {
        audit.recordRejected(action, RESOURCE, id == null ? null : String.valueOf(id),
                Map.of("name", name, "reason", "name taken"));
        return new ConflictException("cohort-name-taken", "Cohort name taken",
                "A cohort named '" + name + "' already exists.", Map.of("name", name));
    }

    private void audited(String action, long id, CohortRequest request, int staticMembers) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("name", request.name());
        detail.put("staticMembers", staticMembers);
        detail.put("selector", selectorDetail(request.selector()));
        audit.record(action, RESOURCE, String.valueOf(id), AuditOutcome.SUCCESS, detail);
    }

    private static Map<String, Object> selectorDetail(CohortSelector selector) {
        if (selector == null) {
            return null;
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        putIfSet(detail, "platformIds", selector.platformIds());
        putIfSet(detail, "simKinds", selector.simKinds());
        putIfSet(detail, "deviceOsMin", selector.deviceOsMin());
        putIfSet(detail, "deviceOsMax", selector.deviceOsMax());
        putIfSet(detail, "tags", selector.tags());
        putIfSet(detail, "sites", selector.sites());
        return detail;
    }

    private static void putIfSet(Map<String, Object> detail, String key, Object value) {
        if (value != null) {
            detail.put(key, value);
        }
    }

}
