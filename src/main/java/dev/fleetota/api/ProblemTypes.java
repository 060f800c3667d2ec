package dev.fleetota.api;

import java.net.URI;

/** Stable problem {@code type} URIs. Clients may switch on them; never rename one. */
public final class ProblemTypes {

    public static final String BASE = "https://fleet-ota.dev/problems/";

    public static final URI NOT_FOUND = of("not-found");

    public static final URI VALIDATION = of("validation");

    public static final URI MALFORMED_REQUEST = of("malformed-request");

    public static final URI CONFLICT = of("conflict");

    public static final URI CONCURRENT_UPDATE = of("concurrent-update");

    public static final URI UNAUTHORIZED = of("unauthorized");

    public static final URI FORBIDDEN = of("forbidden");

    public static final URI METHOD_NOT_ALLOWED = of("method-not-allowed");

    public static final URI UNSUPPORTED_MEDIA_TYPE = of("unsupported-media-type");

    public static final URI INTERNAL = of("internal-error");

    private ProblemTypes() {
    }

    public static URI of(String slug) {
        return URI.create(BASE + slug);
    }

}
