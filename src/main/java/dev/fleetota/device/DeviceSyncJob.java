package dev.fleetota.device;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import dev.fleetota.common.ConflictException;
import dev.fleetota.events.EventStreamConnected;
import dev.fleetota.particle.ParticleApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the device sync periodically ({@code fleetota.sync.interval}) and after every event-stream (re)connect,
 * because events published while the stream was down are lost. The reconnect sync starts at once (a takeover of the
 * stream by another instance is reconciled without waiting); a burst of reconnects gets at most one more sync per
 * {@code fleetota.sync.reconnect-debounce} (Coalescer). Only one sync runs at a time cluster-wide (an advisory
 * lock): a periodic run that finds it taken is skipped, a reconnect run is tried again, since the running sync may
 * have read the list before the reconnect.
 */
@Component
class DeviceSyncJob implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeviceSyncJob.class);

    private final DeviceSyncService sync;

    private final ScheduledExecutorService reconciler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "device-sync-reconcile");
        thread.setDaemon(true);
        return thread;
    });

    private final Coalescer reconciles;

    DeviceSyncJob(DeviceSyncService sync, DeviceSyncProperties settings) {
        this.sync = sync;
        this.reconciles = new Coalescer(reconciler, settings.reconnectDebounce(), System::nanoTime,
                () -> run("event stream reconnected"));
    }

    @Scheduled(fixedDelayString = "${fleetota.sync.interval:PT15M}", initialDelayString = "${fleetota.sync.initial-delay:PT1M}")
    void periodicSync() {
        run("periodic");
    }

    /** The stream missed whatever happened while it was down: reconcile now, once for a burst of reconnects. */
    @EventListener
    void onStreamConnected(EventStreamConnected connected) {
        reconciles.request();
    }

    /** Runs one sync; false only when another sync was running (its listing may predate a reconnect). */
    boolean run(String reason) {
        try {
            sync.sync();
        }
        catch (ConflictException busy) {
            log.debug("Device sync ({}) skipped: another sync is running", reason);
            return false;
        }
        catch (ParticleApiException ex) {
            log.warn("Device sync ({}) failed: {}", reason, ex.getMessage());
        }
        catch (RuntimeException ex) {
            log.error("Device sync ({}) failed", reason, ex);
        }
        return true;
    }

    @Override
    public void destroy() {
        reconciler.shutdownNow();
    }

}
