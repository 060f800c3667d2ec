package dev.fleetota.rollout;

import java.util.List;

/** What a rollout installs: a product firmware release and the Device OS it needs, copied at creation. */
record RolloutTarget(long firmwareReleaseId, int productId, int firmwareVersion, String deviceOs, long deviceOsRank,
        List<Integer> platformIds) {

}
