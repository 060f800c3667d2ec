package dev.fleetota.device;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reconnect reconciliation's scheduling: runs at once after a quiet period, shares a waiting run, one more run
 * (spaced) for requests made during a run, retried when busy. The executor records the delay each run was given
 * and runs it without waiting, so the tests are about the delays chosen, not about the wall clock.
 */
class CoalescerTests {

    private static final Duration SPACING = Duration.ofSeconds(10);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private final RecordingExecutor executor = new RecordingExecutor();

    private final AtomicInteger runs = new AtomicInteger();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void theFirstRequestRunsWithoutWaitingForTheSpacing() {
        Coalescer coalescer = new Coalescer(executor, SPACING, now::get, () -> runs.incrementAndGet() > 0);

        coalescer.request();

        await().atMost(5, TimeUnit.SECONDS).until(() -> runs.get() == 1);
        assertThat(executor.delays).containsExactly(0L);
    }

    @Test
    void requestsWhileARunWaitsToStartShareIt() throws Exception {
        CountDownLatch blocker = new CountDownLatch(1);
        executor.unrecorded(() -> awaitLatch(blocker)); // the executor's only thread is busy: the run waits to start
        Coalescer coalescer = new Coalescer(executor, SPACING, now::get, () -> runs.incrementAndGet() > 0);

        coalescer.request();
        coalescer.request();
        coalescer.request();
        blocker.countDown();

        await().atMost(5, TimeUnit.SECONDS).until(() -> runs.get() == 1);
        executor.drain();
        assertThat(runs).hasValue(1);
        assertThat(executor.delays).containsExactly(0L);
    }

    @Test
    void requestsDuringARunGetOneMoreRunSpacedFromItsStart() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Coalescer coalescer = new Coalescer(executor, SPACING, now::get, () -> {
            if (runs.incrementAndGet() == 1) {
                running.countDown();
                awaitLatch(release);
            }
            return true;
        });

        coalescer.request();
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        now.addAndGet(Duration.ofSeconds(3).toNanos());
        coalescer.request();
        coalescer.request();
        release.countDown();

        await().atMost(5, TimeUnit.SECONDS).until(() -> runs.get() == 2);
        executor.drain();
        assertThat(runs).hasValue(2);
        assertThat(executor.delays).containsExactly(0L, Duration.ofSeconds(7).toNanos());
    }

    @Test
    void aRequestAfterTheSpacingRunsAtOnceAgain() {
        Coalescer coalescer = new Coalescer(executor, SPACING, now::get, () -> runs.incrementAndGet() > 0);
        coalescer.request();
        await().atMost(5, TimeUnit.SECONDS).until(() -> runs.get() == 1);

        now.addAndGet(SPACING.plusMillis(1).toNanos());
        coalescer.request();

        await().atMost(5, TimeUnit.SECONDS).until(() -> runs.get() == 2);
        assertThat(executor.delays).containsExactly(0L, 0L);
    }

    @Test
    void aBusyRunIsTriedAgainAfterTheSpacing() throws Exception {
        Coalescer coalescer = new Coalescer(executor, SPACING, now::get, () -> runs.incrementAndGet() > 1);

        coalescer.request();

        await().atMost(5, TimeUnit.SECONDS).until(() -> runs.get() == 2);
        executor.drain();
        assertThat(runs).hasValue(2);
        assertThat(executor.delays).containsExactly(0L, SPACING.toNanos());
    }

    @Test
    void aRequestWhileTheApplicationStopsIsDropped() {
        Coalescer coalescer = new Coalescer(executor, SPACING, now::get, () -> runs.incrementAndGet() > 0);
        executor.shutdownNow();

        coalescer.request(); // from the event stream's thread while the context closes: must not throw

        assertThat(runs).hasValue(0);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** One thread; records each scheduled delay (nanoseconds) and runs the task without waiting for it. */
    private static final class RecordingExecutor extends ScheduledThreadPoolExecutor {

        final List<Long> delays = new CopyOnWriteArrayList<>();

        RecordingExecutor() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            delays.add(unit.toNanos(delay));
            return super.schedule(command, 0, unit);
        }

        ScheduledFuture<?> unrecorded(Runnable command) {
            return super.schedule(command, 0, TimeUnit.NANOSECONDS);
        }

        /** Waits until every task scheduled so far has run (one thread: a marker task runs after them). */
        void drain() throws Exception {
            unrecorded(() -> {
            }).get(5, TimeUnit.SECONDS);
        }

    }

}
