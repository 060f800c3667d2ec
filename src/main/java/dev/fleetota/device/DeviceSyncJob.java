package dev.fleetota.device;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.fleetota.common.ConflictException;
import dev.fleetota.device.DeviceSyncService.SyncReport;
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
 * debounced, because events published while the stream was down are lost. Only one sync runs at a time cluster-wide
 * (the service's lease); a run that finds the lease taken is skipped.
 */
@Component
class DeviceSyncJob implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeviceSyncJob.class);

    private final DeviceSyncService sync;

    private final DeviceSyncProperties settings;

    private final ScheduledExecutorService debouncer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "device-sync-reconcile");
        thread.setDaemon(true);
        return thread;
    });

    private ScheduledFuture<?> pending;

    DeviceSyncJob(DeviceSyncService sync, DeviceSyncProperties settings) {
        this.sync = sync;
        this.settings = settings;
    }

    @Scheduled(fixedDelayString = "${fleetota.sync.interval:PT15M}", initialDelayString = "${fleetota.sync.initial-delay:PT1M}")
    void periodicSync() {
        runQuietly("periodic");
    }

    /** The stream missed whatever happened while it was down: reconcile soon, once for a burst of reconnects. */
    @EventListener
    synchronized void onStreamConnected(EventStreamConnected connected) {
        if (pending != null) {
            pending.cancel(false);
        }
        pending = debouncer.schedule(() -> runQuietly("event stream connected at " + connected.at()),
                settings.reconnectDebounce().toMillis(), TimeUnit.MILLISECONDS);
    }

    SyncReport runQuietly(String reason) {
        try {
            return sync.sync();
        }
        catch (ConflictException busy) {
            log.debug("Device sync ({}) skipped: another sync is running", reason);
        }
        catch (ParticleApiException ex) {
            log.warn("Device sync ({}) failed: {}", reason, ex.getMessage());
        }
        catch (RuntimeException ex) {
            log.error("Device sync ({}) failed", reason, ex);
        }
        return null;
    }

    @Override
    public void destroy() {
        debouncer.shutdownNow();
    }

}
