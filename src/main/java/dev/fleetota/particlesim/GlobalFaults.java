package dev.fleetota.particlesim;

import java.time.Duration;
import java.util.Map;

/**
 * Fleet-wide fault knobs: injected 429/5xx answers (overall and per route name, see docs/simulator.md) and
 * periodic server-side drops of every SSE stream.
 *
 * @param status5xx        status of injected server errors (500, 502, 503 …)
 * @param dropStreamsEvery null or zero = never
 */
public record GlobalFaults(double rate429, double rate5xx, int status5xx, Map<String, RouteFaults> routes,
        Duration dropStreamsEvery) {

    public static final GlobalFaults NONE = new GlobalFaults(0, 0, 500, Map.of(), null);

    public GlobalFaults {
        routes = routes == null ? Map.of() : Map.copyOf(routes);
        if (status5xx < 500 || status5xx > 599) {
            status5xx = 500;
        }
    }

    /** Injected error rates for one route (route names: docs/simulator.md). */
    public record RouteFaults(double rate429, double rate5xx) {
    }

    double rate429For(String route) {
        RouteFaults r = routes.get(route);
        return r != null ? r.rate429() : rate429;
    }

    double rate5xxFor(String route) {
        RouteFaults r = routes.get(route);
        return r != null ? r.rate5xx() : rate5xx;
    }

}
