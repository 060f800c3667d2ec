package dev.fleetota.particlesim;

import tools.jackson.databind.node.ObjectNode;

/** An error answer with Particle's body shape for the case (§2.4); thrown by routes, rendered by the server. */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;
    final transient ObjectNode body;

    ApiError(int status, ObjectNode body) {
        super(null, null, false, false);
        this.status = status;
        this.body = body;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, Json.error(message));
    }

    static ApiError notFound(String message) {
        return new ApiError(404, Json.error(message));
    }

    /** 403 {"ok":false,"error":"Permission Denied"}: valid token, but not for this product or device. */
    static ApiError permissionDenied() {
        return new ApiError(403, Json.error("Permission Denied"));
    }

    static ApiError invalidToken() {
        ObjectNode body = Json.object();
        body.put("error", "invalid_token");
        body.put("error_description", "The access token provided is invalid.");
        return new ApiError(401, body);
    }

    static ApiError missingToken() {
        ObjectNode body = Json.object();
        body.put("error", "invalid_token");
        body.put("error_description", "The access token was not found");
        return new ApiError(401, body);
    }

    static ApiError tooManyRequests() {
        return new ApiError(429, Json.error("Too many requests"));
    }

    static ApiError serverError(int status) {
        return new ApiError(status, Json.error(status == 503 ? "Service Unavailable" : "Internal Server Error"));
    }

}
