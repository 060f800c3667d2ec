package dev.fleetota.events;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for the intake: events from the stream and the webhook go through one bounded FIFO queue to one writer
 * thread, which takes whatever is waiting or arrives within {@code linger} (up to {@code batchSize}) and stores and
 * applies it in one transaction ({@link DeviceEventIntake#acceptAll}, listeners included), so per-device order is
 * arrival order and an event waits at most {@code linger} for others to share its batch. A submitter's future
 * completes only after its batch committed. A batch that fails (or waits too long for a row lock) is redone event by
 * event, each in its own transaction, so one bad event cannot take the others down; an event whose processing fails
 * even alone is kept as rejected ({@link DeviceEventIntake#keepFailed}). A full queue blocks the submitter
 * (back-pressure on the stream reader). Stopping drains the queue; before start and after stop events are stored
 * synchronously on the caller's thread.
 */
@Component
class IntakeWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IntakeWriter.class);

    /** Stops after the stream and the web server (higher phases stop first), before the database goes away. */
    static final int PHASE = Integer.MAX_VALUE - 4096;

    /** A queued event, checked (validation, de-duplication key) on the submitter's thread, not the writer's. */
    record Pending(IncomingEvent event, CheckedEvent checked, EventSource source,
            CompletableFuture<IntakeResult> result) {

        Pending(IncomingEvent event, EventSource source, CompletableFuture<IntakeResult> result) {
            this(event, CheckedEvent.of(event), source, result);
        }

    }

    private final DeviceEventIntake intake;

    private final TransactionTemplate transaction;

    private final IntakeProperties settings;

    private final BlockingQueue<Pending> queue;

    /** Submitters hold the read lock while they enqueue; stop takes the write lock to close the queue. */
    private final ReadWriteLock gate = new ReentrantReadWriteLock();

    private volatile boolean running;

    private Thread writer;

    private final EventMetrics metrics;

    private final JdbcTemplate jdbc;

    IntakeWriter(DeviceEventIntake intake, PlatformTransactionManager transactions, IntakeProperties settings,
            EventMetrics metrics, JdbcTemplate jdbc) {
        this.intake = intake;
        this.metrics = metrics;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    }

    /** Queues the event (waiting while the queue is full); the future completes after its transaction committed. */
    CompletableFuture<IntakeResult> submit(IncomingEvent event, EventSource source) {
        Pending pending = new Pending(event, source, new CompletableFuture<>());
        gate.readLock().lock();
        try {
            if (running) {
                queue.put(pending);
                return pending.result();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        finally {
            gate.readLock().unlock();
        }
        pending.result().complete(acceptOne(event, source));
        return pending.result();
    }

    IntakeProperties settings() {
        return settings;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        writer = new Thread(this::drain, "event-intake-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Closes the queue, lets the writer store everything still queued, and waits for it. */
    @Override
    public synchronized void stop() {
        gate.writeLock().lock();
        try {
            running = false;
        }
        finally {
            gate.writeLock().unlock();
        }
        Thread thread = writer;
        writer = null;
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(60));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.result().complete(acceptOne(p.event(), p.source())));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void drain() {
        List<Pending> batch = new ArrayList<>(settings.batchSize());
        while (true) {
            Pending first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException ex) {
                continue; // only stop() ends the writer, after the queue is empty
            }
            if (first == null) {
                if (!running) {
                    return;
                }
                continue;
            }
            batch.add(first);
            gather(batch);
            try {
                write(batch);
            }
            catch (Throwable ex) {
                log.error("Event intake writer failed on a batch of {}", batch.size(), ex);
                batch.forEach(p -> p.result().completeExceptionally(ex));
            }
            batch.clear();
        }
    }

    /**
     * Adds what is waiting, and what arrives within {@code linger} of the first event, up to {@code batchSize}: a
     * few more milliseconds of latency for fewer, larger batches, whose fixed cost (round trips, the commit's WAL
     * flush) is then shared by more events. Under a flood the batch fills at once and nothing waits.
     */
    private void gather(List<Pending> batch) {
        long deadline = System.nanoTime() + settings.linger().toNanos();
        queue.drainTo(batch, settings.batchSize() - batch.size());
        while (batch.size() < settings.batchSize()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Pending next;
            try {
                next = queue.poll(left, TimeUnit.NANOSECONDS);
            }
            catch (InterruptedException ex) {
                return;
            }
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, settings.batchSize() - batch.size());
        }
    }

    /**
     * One transaction for the batch; on any failure, one transaction per event. A batch of several events waits at
     * most {@code batchLockTimeout} for any lock ({@link #limitLockWaits}): it gives way (and is redone event by
     * event, holding one device row at a time, as before batching) instead of deadlocking with a transaction that
     * locks the same rows in another order.
     */
    void write(List<Pending> batch) {
        List<IntakeResult> results;
        long start = System.nanoTime();
        try {
            results = transaction.execute(status -> {
                if (batch.size() > 1) {
                    limitLockWaits();
                }
                return acceptInOrder(batch);
            });
            metrics.batch(batch.size(), System.nanoTime() - start);
        }
        catch (RuntimeException ex) {
            if (batch.size() > 1) {
                log.warn("Storing a batch of {} events failed ({}); storing them one by one", batch.size(),
                        ex.toString());
            }
            batch.forEach(p -> p.result().complete(acceptOne(p.event(), p.source())));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(results.get(i));
        }
    }

    /**
     * Sets the batch's {@code lock_timeout} for the rest of its transaction. The batch does not lock its device rows up
     * front: the device module's UPDATEs take them, and a batch that waits longer than {@code batchLockTimeout} for
     * any row (say, one the device sync holds while it waits for one of ours) gives way before PostgreSQL's deadlock
     * detector (1 s) would pick a victim. Locking up front ({@code SELECT … FOR UPDATE NOWAIT}) cost a quarter of
     * the batch's time (one more write of every device row) for a case that the timeout already handles.
     */
    private void limitLockWaits() {
        jdbc.execute("SET LOCAL lock_timeout = " + settings.batchLockTimeout().toMillis());
    }

    /** Consecutive events of one source go in one multi-row insert; results in batch order. */
    private List<IntakeResult> acceptInOrder(List<Pending> batch) {
        List<IntakeResult> results = new ArrayList<>(batch.size());
        int from = 0;
        while (from < batch.size()) {
            EventSource source = batch.get(from).source();
            int to = from + 1;
            while (to < batch.size() && batch.get(to).source() == source) {
                to++;
            }
            results.addAll(intake.acceptChecked(batch.subList(from, to).stream().map(Pending::checked).toList(),
                    source));
            from = to;
        }
        return results;
    }

    /**
     * One event in its own transaction, never throwing: when processing fails (a listener threw, the transaction
     * rolled back) it is kept as rejected in a transaction of its own; only when even that fails is it lost (logged,
     * repaired by reconciliation).
     */
    IntakeResult acceptOne(IncomingEvent event, EventSource source) {
        try {
            return intake.accept(event, source);
        }
        catch (RuntimeException ex) {
            String reason = ex.getClass().getSimpleName();
            log.warn("Processing {} event '{}' failed ({}); keeping it as rejected", source, event.name(), reason, ex);
            try {
                return intake.keepFailed(event, source, reason);
            }
            catch (RuntimeException again) {
                log.error("Could not store {} event '{}' from {}; it is lost until reconciliation", source,
                        event.name(), event.coreid(), again);
                return new IntakeResult(null, false, false, "not stored: " + reason);
            }
        }
    }

}
