package dev.fleetota.rollout;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The single daemon thread on which a read-side cache ({@link ProgressCounts}, {@link RolloutVersions}) refreshes. */
final class BackgroundReads {

    private BackgroundReads() {
    }

    static ExecutorService thread(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

}
