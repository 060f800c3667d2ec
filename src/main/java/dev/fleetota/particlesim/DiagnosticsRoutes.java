package dev.fleetota.particlesim;

import tools.jackson.databind.node.ObjectNode;

/** Vitals (§10): last diagnostics and "ask the device to publish its vitals now". */
final class DiagnosticsRoutes {

    private final SimContext ctx;
    private final DeviceEngine engine;

    DiagnosticsRoutes(SimContext ctx, DeviceEngine engine) {
        this.ctx = ctx;
        this.engine = engine;
    }

    void register(Router router) {
        router.add("GET", "/v1/diagnostics/:id/last", "diagnosticsLast", r -> last(r, false))
                .add("GET", "/v1/products/:p/diagnostics/:id/last", "diagnosticsLast", r -> last(r, true))
                .add("POST", "/v1/diagnostics/:id/update", "diagnosticsUpdate", r -> refresh(r, false))
                .add("POST", "/v1/products/:p/diagnostics/:id/update", "diagnosticsUpdate", r -> refresh(r, true));
    }

    private SimResponse last(SimRequest r, boolean product) {
        SimDevice d = device(r, product);
        ObjectNode out = Json.object();
        ObjectNode diagnostics = out.putObject("diagnostics");
        synchronized (d) {
            diagnostics.put("updated_at", Json.timestamp(d.lastHeard));
            diagnostics.put("deviceID", d.id);
            diagnostics.set("payload", Vitals.node(d, d.lastHeard));
        }
        return SimResponse.ok(out);
    }

    private SimResponse refresh(SimRequest r, boolean product) {
        engine.requestDiagnostics(device(r, product));
        return SimResponse.status(202, Json.ok());
    }

    private SimDevice device(SimRequest r, boolean product) {
        return ctx.fleet.get(r.path("id")).orElseThrow(() -> product ? ApiError.notFound("Device not found.")
                : ApiError.permissionDenied());
    }

}
