package dev.fleetota.dashboard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.fleetota.api.PageResponse;
import dev.fleetota.rollout.DeviceUpdateState;
import dev.fleetota.rollout.RolloutCreation;
import dev.fleetota.rollout.RolloutPlan;
import dev.fleetota.rollout.RolloutQueries;
import dev.fleetota.rollout.RolloutStatus;
import dev.fleetota.rollout.RolloutView;
import dev.fleetota.rollout.RolloutViews.BatchView;
import dev.fleetota.rollout.RolloutViews.DeviceUpdateView;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads what the rollout pages show through the rollout module's public queries. Every query is bounded: counts
 * come from grouped queries, device lists are paged, and the in-flight list reads only the (batch, state) pairs
 * the batch counts say are non-empty, so a page stays fast at 100,000 devices.
 */
@Service
@Transactional(readOnly = true)
class RolloutPages {

    static final int IN_FLIGHT_LIMIT = 50;

    static final int DEVICE_PAGE_SIZE = 25;

    static final int LIST_PAGE_SIZE = 20;

    private final RolloutQueries queries;

    private final RolloutCreation creation;

    RolloutPages(RolloutQueries queries, RolloutCreation creation) {
        this.queries = queries;
        this.creation = creation;
    }

    /** A line of the rollout list: the rollout and its progress bar. */
    record RolloutRow(RolloutView rollout, ProgressBar progress) {
    }

    PageResponse<RolloutRow> list(Collection<RolloutStatus> statuses, int page) {
        PageResponse<RolloutView> views = queries.list(statuses, page, LIST_PAGE_SIZE);
        List<RolloutRow> rows = views.items()
            .stream()
            .map(r -> new RolloutRow(r, ProgressBar.of(r.progress())))
            .toList();
        return new PageResponse<>(rows, views.page(), views.size(), views.totalItems(), views.totalPages());
    }

    RolloutPage page(long id) {
        RolloutView rollout = queries.get(id);
        List<BatchView> batches = rollout.status() == RolloutStatus.DRAFT ? List.of() : queries.batches(id);
        List<RolloutPage.BatchRow> rows = batches.stream()
            .map(b -> new RolloutPage.BatchRow(b, ProgressBar.of(b.byState()), b.number() == rollout.currentBatch()))
            .toList();
        return new RolloutPage(rollout, RolloutLiveStream.keyOf(rollout), ProgressBar.of(rollout.progress()),
                stateChart(rollout), rows, inFlight(id, batches), rollout.progress().inFlight(),
                RolloutAction.offeredFor(rollout));
    }

    DeviceTable devices(long id, DeviceUpdateState state, Integer batch, int page) {
        RolloutView rollout = queries.get(id);
        boolean open = rollout.status() != RolloutStatus.DRAFT && !rollout.status().isTerminal();
        return new DeviceTable(id, state, batch, queries.devices(id, state, batch, page, DEVICE_PAGE_SIZE), open);
    }

    /** The dry run, for a DRAFT rollout only (later the frozen batches show the same). */
    RolloutPage.PlanSummary plan(RolloutView rollout) {
        if (rollout.status() != RolloutStatus.DRAFT) {
            return null;
        }
        RolloutPlan plan = creation.plan(rollout.id());
        Map<String, Long> excluded = plan.excluded()
            .stream()
            .collect(Collectors.groupingBy(RolloutPlan.Exclusion::reason, TreeMap::new, Collectors.counting()));
        return new RolloutPage.PlanSummary(plan.totalDevices(), plan.plannedDevices(),
                plan.batches().stream().map(RolloutPlan.Batch::size).toList(), excluded, plan.estimatedDuration());
    }

    private static BarChart stateChart(RolloutView rollout) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (DeviceUpdateState state : DeviceUpdateState.values()) {
            counts.put(state.name(), (long) rollout.progress().byState().getOrDefault(state, 0));
        }
        return BarChart.of("Devices by update state", counts, RolloutPages::tone);
    }

    static String tone(String state) {
        DeviceUpdateState s = DeviceUpdateState.valueOf(state);
        if (s == DeviceUpdateState.SUCCEEDED) {
            return "ok";
        }
        if (s.isFailure()) {
            return "bad";
        }
        return s.isInFlight() ? "busy" : s == DeviceUpdateState.SKIPPED ? "muted" : "idle";
    }

    /** Up to {@link #IN_FLIGHT_LIMIT} devices in flight, read batch by batch where the counts say there are some. */
    private List<DeviceUpdateView> inFlight(long id, List<BatchView> batches) {
        List<DeviceUpdateView> devices = new ArrayList<>();
        for (BatchView batch : batches) {
            for (DeviceUpdateState state : DeviceUpdateState.IN_FLIGHT) {
                int remaining = IN_FLIGHT_LIMIT - devices.size();
                if (remaining <= 0) {
                    return devices;
                }
                if (batch.byState().getOrDefault(state.name(), 0) > 0) {
                    devices.addAll(queries.devices(id, state, batch.number(), 0, remaining).items());
                }
            }
        }
        return devices;
    }

}
