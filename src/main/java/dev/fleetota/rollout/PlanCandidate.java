package dev.fleetota.rollout;

/** A cohort member as the planner sees it (read in one query from the device table). */
record PlanCandidate(String deviceId, int platformId, String simKind, Integer firmwareVersion, Long deviceOsRank,
        boolean development, boolean removed, boolean online) {

    /** Gen 2 cellular (Electron / E-Series, platform 10) on a third-party SIM: loses its APN if power dies in safe mode. */
    boolean highRisk() {
        return platformId == 10 && "THIRD_PARTY".equals(simKind);
    }

    /** Running the target app on at least the target Device OS. */
    boolean onTarget(int targetVersion, long targetDeviceOsRank) {
        return firmwareVersion != null && firmwareVersion == targetVersion && deviceOsRank != null
                && deviceOsRank >= targetDeviceOsRank;
    }

    /** The new app will need a newer Device OS: the device will go through safe mode. */
    boolean needsDeviceOsUpgrade(long targetDeviceOsRank) {
        return deviceOsRank == null || deviceOsRank < targetDeviceOsRank;
    }

}
