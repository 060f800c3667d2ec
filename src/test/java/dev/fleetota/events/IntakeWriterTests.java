package dev.fleetota.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.fleetota.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Group commit: one transaction per batch, linger, arrival order, failure isolation, drain on stop, commit before
 * answer.
 */
@IntegrationTest
class IntakeWriterTests {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private static final Instant BASE = Instant.parse("2025-06-01T08:00:00Z");

    @Autowired
    DeviceEventIntake intake;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventMetrics metrics;

    private String device;

    @BeforeEach
    void device() {
        device = String.format("e00fce68aabbcc%010d", SEQUENCE.incrementAndGet());
        jdbc.update("INSERT INTO device (id, platform_id, firmware_version) VALUES (?, 13, 3)", device);
    }

    private IntakeWriter writer(int batchSize, int capacity) {
        return writer(batchSize, capacity, Duration.ZERO);
    }

    private IntakeWriter writer(int batchSize, int capacity, Duration linger) {
        return new IntakeWriter(intake, transactions, new IntakeProperties(batchSize, capacity,
                Duration.ofSeconds(10), Duration.ofMillis(200), linger), metrics, jdbc);
    }

    private IncomingEvent event(String name, String data, int second, Integer version) {
        return new IncomingEvent(name, data, BASE.plusSeconds(second).toString(), device, version);
    }

    private static IntakeWriter.Pending pending(IncomingEvent event, EventSource source) {
        return new IntakeWriter.Pending(event, source, new CompletableFuture<>());
    }

    @Test
    void aBatchIsStoredAndAppliedInOneTransactionInArrivalOrderWithDuplicatesMerged() {
        IncomingEvent online = event("spark/status", "online", 1, 3);
        List<IntakeWriter.Pending> batch = List.of(pending(online, EventSource.SSE),
                pending(event("spark/status", "offline", 2, 3), EventSource.SSE),
                pending(online, EventSource.WEBHOOK),
                pending(event("spark/status", "online", 3, 4), EventSource.WEBHOOK));

        writer(10, 10).write(batch);

        List<IntakeResult> results = batch.stream().map(p -> p.result().join()).toList();
        assertThat(results).extracting(IntakeResult::stored).containsExactly(true, true, false, true);
        assertThat(results.get(2).duplicate()).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT xmin::text) FROM device_event WHERE device_id = ?",
                Integer.class, device)).as("one transaction").isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT source FROM device_event WHERE device_id = ? ORDER BY id", String.class,
                device)).containsExactly("SSE", "SSE", "WEBHOOK");
        assertThat(jdbc.queryForMap("SELECT online, firmware_version, online_changed_at FROM device WHERE id = ?",
                device)).containsEntry("online", true).containsEntry("firmware_version", 4);
    }

    @Test
    void anEventWhoseProcessingFailsIsKeptAsRejectedAndTheRestOfItsBatchIsApplied() {
        List<IntakeWriter.Pending> batch = List.of(pending(event("spark/status", "online", 1, 3), EventSource.SSE),
                pending(event(FailingListener.BOOM, "x", 2, 3), EventSource.SSE),
                pending(event("spark/device/last_reset", "watchdog", 3, 3), EventSource.SSE));

        writer(10, 10).write(batch);

        List<IntakeResult> results = batch.stream().map(p -> p.result().join()).toList();
        assertThat(results).allMatch(IntakeResult::stored);
        assertThat(results.get(0).rejectedReason()).isNull();
        assertThat(results.get(1).rejectedReason()).startsWith("processing failed: IllegalStateException");
        assertThat(results.get(2).rejectedReason()).isNull();
        assertThat(jdbc.queryForMap("SELECT online, last_reset_reason FROM device WHERE id = ?", device))
            .containsEntry("online", true).containsEntry("last_reset_reason", "watchdog");
    }

    @Test
    void aBatchThatWaitsForARowLockGivesWayAndIsRedoneEventByEvent() throws Exception {
        String other = String.format("e00fce68aabbdd%010d", SEQUENCE.incrementAndGet());
        jdbc.update("INSERT INTO device (id, platform_id, firmware_version) VALUES (?, 13, 3)", other);
        CompletableFuture<Void> locked = new CompletableFuture<>();
        Thread holder = new Thread(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.queryForList("SELECT id FROM device WHERE id = ? FOR UPDATE", device);
            locked.complete(null);
            sleep(1500);
        }));
        holder.start();
        locked.join();
        List<IntakeWriter.Pending> batch = List.of(
                pending(new IncomingEvent("spark/status", "online", BASE.toString(), other, 3), EventSource.SSE),
                pending(event("spark/status", "online", 1, 3), EventSource.SSE));
        long start = System.nanoTime();

        writer(10, 10).write(batch);

        holder.join();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the locked device's event waited for the lock")
            .isGreaterThan(Duration.ofMillis(1000));
        assertThat(batch).allSatisfy(p -> assertThat(p.result().join().stored()).isTrue());
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT xmin::text) FROM device_event WHERE device_id IN (?, ?)",
                Integer.class, device, other)).as("redone in one transaction per event").isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM device WHERE id IN (?, ?) AND online", Integer.class,
                device, other)).isEqualTo(2);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aSubmittersFutureCompletesOnlyAfterTheCommitAndStopDrainsTheQueue() {
        IntakeWriter writer = writer(50, 1000);
        writer.start();
        List<CompletableFuture<Integer>> visible = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            IncomingEvent e = event("spark/device/last_reset", "r" + i, i, 3);
            visible.add(writer.submit(e, EventSource.WEBHOOK).thenApply(r -> jdbc.queryForObject(
                    "SELECT count(*) FROM device_event WHERE id = ?", Integer.class, r.eventId())));
        }

        writer.stop();

        assertThat(visible).allMatch(CompletableFuture::isDone);
        assertThat(visible).extracting(CompletableFuture::join).as("seen from another transaction").containsOnly(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM device_event WHERE device_id = ?", Integer.class, device))
            .isEqualTo(300);
        assertThat(jdbc.queryForObject("SELECT last_reset_reason FROM device WHERE id = ?", String.class, device))
            .as("applied").isEqualTo("r299");
        assertThat(writer.isRunning()).isFalse();
    }

    @Test
    void anEventWaitsUpToTheLingerForOthersToShareItsBatch() {
        IntakeWriter writer = writer(50, 1000, Duration.ofSeconds(2));
        writer.start();
        try {
            CompletableFuture<IntakeResult> first = writer.submit(event("spark/device/last_reset", "a", 1, 3),
                    EventSource.SSE);
            sleep(100);
            boolean firstDoneAlone = first.isDone();
            CompletableFuture<IntakeResult> second = writer.submit(event("spark/device/last_reset", "b", 2, 3),
                    EventSource.SSE);

            assertThat(firstDoneAlone).as("the first event waited for more").isFalse();
            assertThat(first.join().stored()).isTrue();
            assertThat(second.join().stored()).isTrue();
            assertThat(jdbc.queryForObject("SELECT count(DISTINCT xmin::text) FROM device_event WHERE device_id = ?",
                    Integer.class, device)).as("one transaction").isEqualTo(1);
        }
        finally {
            writer.stop();
        }
    }

    @Test
    void afterStopEventsAreStoredOnTheCallersThread() {
        IntakeWriter writer = writer(10, 10);
        writer.start();
        writer.stop();

        CompletableFuture<IntakeResult> result = writer.submit(event("spark/status", "online", 1, 3),
                EventSource.SSE);

        assertThat(result).isDone();
        assertThat(result.join().stored()).isTrue();
    }

    @TestConfiguration
    static class FailingListener {

        static final String BOOM = "test/intake-boom";

        @Bean
        Boom boom() {
            return new Boom();
        }

    }

    static class Boom {

        @EventListener
        public void on(DeviceEventsRecorded batch) {
            if (batch.events().stream().anyMatch(event -> FailingListener.BOOM.equals(event.name()))) {
                throw new IllegalStateException("listener failed on purpose");
            }
        }

    }

}
