package dev.fleetota.dashboard;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Dashboard settings.
 *
 * @param streamInterval how often the live stream of an open rollout page reads the rollout's progress (one query
 *        per watched rollout, shared by every browser watching it)
 * @param streamTimeout how long one live-stream connection lasts before the browser reconnects
 * @param heartbeat how often an idle live stream sends a comment, so closed browsers are noticed
 * @param listRefresh how often the rollout list and the device page refresh themselves
 */
@ConfigurationProperties("fleetota.dashboard")
@Validated
record DashboardProperties(@DefaultValue("PT1S") Duration streamInterval, @DefaultValue("PT5M") Duration streamTimeout,
        @DefaultValue("PT15S") Duration heartbeat, @DefaultValue("PT5S") Duration listRefresh) {

    /** The list refresh as an htmx trigger ({@code every 5s}). */
    String listRefreshTrigger() {
        return "every " + Math.max(1, listRefresh.toSeconds()) + "s";
    }

}
