package dev.fleetota.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.fleetota.rollout.DeviceUpdateState;
import dev.fleetota.rollout.RolloutView.Progress;

/**
 * A stacked progress bar as inline SVG: succeeded, failed, skipped, in flight, pending, each a segment whose
 * {@code x} and {@code width} are viewBox units (0–100).
 */
record ProgressBar(int total, int finished, int percentDone, List<Segment> segments) {

    record Segment(String label, String tone, int count, double x, double width) {
    }

    static ProgressBar of(Progress progress) {
        return of(progress.total(), progress.succeeded(), progress.failed(), progress.skipped(), progress.inFlight());
    }

    /** From a batch's counts per device-update state (names as keys). */
    static ProgressBar of(Map<String, Integer> byState) {
        int total = byState.values().stream().mapToInt(Integer::intValue).sum();
        int failed = sum(byState, DeviceUpdateState.FAILURES);
        int inFlight = sum(byState, DeviceUpdateState.IN_FLIGHT);
        return of(total, byState.getOrDefault(DeviceUpdateState.SUCCEEDED.name(), 0), failed,
                byState.getOrDefault(DeviceUpdateState.SKIPPED.name(), 0), inFlight);
    }

    private static ProgressBar of(int total, int succeeded, int failed, int skipped, int inFlight) {
        int pending = Math.max(0, total - succeeded - failed - skipped - inFlight);
        List<Segment> segments = new ArrayList<>();
        double x = 0;
        x = add(segments, "succeeded", "ok", succeeded, total, x);
        x = add(segments, "failed", "bad", failed, total, x);
        x = add(segments, "skipped", "muted", skipped, total, x);
        x = add(segments, "in flight", "busy", inFlight, total, x);
        add(segments, "pending", "idle", pending, total, x);
        int finished = succeeded + failed + skipped;
        return new ProgressBar(total, finished, total == 0 ? 0 : (int) Math.floor(100.0 * finished / total),
                segments);
    }

    private static double add(List<Segment> segments, String label, String tone, int count, int total, double x) {
        double width = total == 0 ? 0 : 100.0 * count / total;
        segments.add(new Segment(label, tone, count, x, width));
        return x + width;
    }

    private static int sum(Map<String, Integer> byState, java.util.Set<DeviceUpdateState> states) {
        return states.stream().mapToInt(s -> byState.getOrDefault(s.name(), 0)).sum();
    }

}
