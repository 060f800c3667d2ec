package dev.fleetota.rollout;

import java.time.Duration;

/**
 * Where the time of one engine step (or tick) went, phase by phase, for a log line when it was slow: a halt waits for
 * the tick in progress, so a slow tick is a slow halt.
 */
final class StepLaps {

    /** A step or tick longer than this is logged with its phases. */
    static final Duration SLOW = Duration.ofMillis(250);

    private static final int MAX_PHASES = 12;

    private final long start = System.nanoTime();

    private long last = start;

    private final String[] names = new String[MAX_PHASES];

    private final long[] nanos = new long[MAX_PHASES];

    private int count;

    /** Ends the current phase, named {@code phase}; from the twelfth on, phases add up under "others". */
    void lap(String phase) {
        long now = System.nanoTime();
        int i = Math.min(count, MAX_PHASES - 1);
        names[i] = i < MAX_PHASES - 1 ? phase : "others";
        nanos[i] += now - last;
        count = i + 1;
        last = now;
    }

    Duration total() {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    boolean slow() {
        return total().compareTo(SLOW) > 0;
    }

    /** "lock 0 ms, timeouts 3 ms, silence 1 ms, …" */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : ", ").append(names[i]).append(' ').append(nanos[i] / 1_000_000).append(" ms");
        }
        return text.toString();
    }

}
