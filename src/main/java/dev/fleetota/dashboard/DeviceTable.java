package dev.fleetota.dashboard;

import java.util.List;

import dev.fleetota.api.PageResponse;
import dev.fleetota.rollout.DeviceUpdateState;
import dev.fleetota.rollout.RolloutViews.DeviceUpdateView;

/** One page of a rollout's devices, optionally filtered by state and batch, with the row actions allowed. */
record DeviceTable(long rolloutId, DeviceUpdateState state, Integer batch, PageResponse<DeviceUpdateView> page,
        boolean actionsOpen) {

    /** The states the filter offers. */
    public List<DeviceUpdateState> states() {
        return List.of(DeviceUpdateState.values());
    }

    /** The badge colour of a row's state. */
    public String tone(DeviceUpdateView device) {
        return RolloutPages.tone(device.state().name());
    }

    /** Failed or skipped devices can get a new attempt. */
    public boolean canRetry(DeviceUpdateView device) {
        return actionsOpen && (device.state().isFailure() || device.state() == DeviceUpdateState.SKIPPED);
    }

    /** Devices that have not started, or have failed, can be skipped. */
    public boolean canSkip(DeviceUpdateView device) {
        return actionsOpen && (device.state() == DeviceUpdateState.PENDING || device.state().isFailure());
    }

}
