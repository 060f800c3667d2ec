package dev.fleetota.rollout;

import java.time.Instant;
import java.util.Map;

/** Smaller read models of a rollout's parts. */
public final class RolloutViews {

    private RolloutViews() {
    }

    public record BatchView(int number, boolean canary, boolean highRisk, int size, String status, Instant startedAt,
            Instant finishedAt, Map<String, Integer> byState) {
    }

    public record DeviceUpdateView(String deviceId, int batch, int attempt, DeviceUpdateState state,
            Instant stateChangedAt, String reason, Instant requestedAt, Instant finishedAt,
            Integer fromFirmwareVersion, String fromDeviceOs) {
    }

    public record TransitionView(long id, Instant at, long rolloutId, String deviceId, int attempt, String fromState,
            String toState, String cause, Long eventId) {
    }

}
