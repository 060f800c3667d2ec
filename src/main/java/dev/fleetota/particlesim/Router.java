package dev.fleetota.particlesim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Method + path-pattern routing. Patterns use {@code :name} for one segment and a trailing {@code *} for the
 * rest of the path (joined with '/'); segments are matched URL-decoded, so an SSE prefix sent as
 * {@code spark%2Fstatus} and one sent as {@code spark/status} both arrive as "spark/status".
 */
final class Router {

    /** A route handler. */
    @FunctionalInterface
    interface Handler {
        SimResponse handle(SimRequest request);
    }

    /** One route; {@code particle} routes need a token and count against the rate limits, admin routes do not. */
    record Route(String method, String[] pattern, String name, boolean particle, Handler handler) {
    }

    /** A matched route with its path parameters. */
    record Match(Route route, Map<String, String> params) {
    }

    private final List<Route> routes = new ArrayList<>();

    Router add(String method, String pattern, String name, Handler handler) {
        routes.add(new Route(method, split(pattern), name, true, handler));
        return this;
    }

    Router admin(String method, String pattern, String name, Handler handler) {
        routes.add(new Route(method, split(pattern), name, false, handler));
        return this;
    }

    /** First route matching method and path; null if none. */
    Match match(String method, String rawPath) {
        String[] segments = split(rawPath);
        for (int i = 0; i < segments.length; i++) {
            segments[i] = FormBody.decodePathSegment(segments[i]);
        }
        for (Route route : routes) {
            if (!route.method.equals(method)) {
                continue;
            }
            Map<String, String> params = match(route.pattern, segments);
            if (params != null) {
                return new Match(route, params);
            }
        }
        return null;
    }

    private static Map<String, String> match(String[] pattern, String[] segments) {
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.equals("*")) {
                params.put("*", String.join("/", java.util.Arrays.copyOfRange(segments, i, segments.length)));
                return params;
            }
            if (i >= segments.length) {
                return null;
            }
            if (p.startsWith(":")) {
                params.put(p.substring(1), segments[i]);
            }
            else if (!p.equals(segments[i])) {
                return null;
            }
        }
        return pattern.length == segments.length ? params : null;
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

}
