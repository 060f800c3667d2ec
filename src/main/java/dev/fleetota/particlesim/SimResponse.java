package dev.fleetota.particlesim;

import tools.jackson.databind.JsonNode;

/** What a route answers: JSON with a status, raw bytes, or "the route took over the exchange" (SSE). */
record SimResponse(int status, JsonNode json, byte[] raw, String contentType, boolean isStreaming) {

    static SimResponse ok(JsonNode json) {
        return new SimResponse(200, json, null, null, false);
    }

    static SimResponse status(int status, JsonNode json) {
        return new SimResponse(status, json, null, null, false);
    }

    static SimResponse noContent() {
        return new SimResponse(204, null, null, null, false);
    }

    static SimResponse bytes(byte[] body, String contentType) {
        return new SimResponse(200, null, body, contentType, false);
    }

    static SimResponse streamed() {
        return new SimResponse(200, null, null, null, true);
    }

}
