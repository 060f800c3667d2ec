package dev.fleetota.dashboard;

import java.util.ArrayList;
import java.util.List;

import dev.fleetota.rollout.RolloutStatus;
import dev.fleetota.rollout.RolloutView;
import dev.fleetota.rollout.WaitReason;

/**
 * An action button on a rollout page: the path segment it posts to, its label, the confirmation question
 * (null = none) and its tone. Which actions are offered mirrors the rollout state machine (docs/rollout.md); the
 * server decides again, so a stale page only gets a "not allowed" message.
 */
record RolloutAction(String name, String label, String confirm, String tone) {

    static List<RolloutAction> offeredFor(RolloutView rollout) {
        String name = "'" + rollout.name() + "'";
        List<RolloutAction> actions = new ArrayList<>();
        RolloutStatus status = rollout.status();
        if (status == RolloutStatus.DRAFT) {
            actions.add(new RolloutAction("start", "Start", "Start rollout " + name
                    + "? Its plan is frozen and the first batch is flashed.", "primary"));
        }
        if (status == RolloutStatus.WAITING && rollout.waitReason() == WaitReason.APPROVAL) {
            actions.add(new RolloutAction("approve", "Approve next batches", "Approve rollout " + name
                    + "? The canary passed; the next batches will be flashed.", "primary"));
        }
        if (status == RolloutStatus.RUNNING || status == RolloutStatus.WAITING) {
            actions.add(new RolloutAction("pause", "Pause", null, "secondary"));
        }
        if (status == RolloutStatus.PAUSED) {
            actions.add(new RolloutAction("resume", "Resume", "Resume rollout " + name + "?", "primary"));
        }
        if (status == RolloutStatus.HALTED) {
            actions.add(new RolloutAction("resume", "Resume", "Resume rollout " + name
                    + "? The failures seen so far are accepted and no longer count toward a halt.", "primary"));
        }
        if (!status.isTerminal()) {
            actions.add(new RolloutAction("cancel", "Cancel rollout", "Cancel rollout " + name
                    + "? Devices that have not started are skipped. This cannot be undone.", "danger"));
        }
        return actions;
    }

}
