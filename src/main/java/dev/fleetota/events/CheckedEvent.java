package dev.fleetota.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * An incoming event after validation, ready to insert: either valid, or carrying the reason it was rejected. Never
 * throws for bad data. The de-duplication key is the SHA-256 of name, coreid, published_at and the raw data (trailing
 * spaces kept), so the same event seen twice (SSE and webhook, reconnects) maps to one row.
 */
record CheckedEvent(String dedupKey, String deviceId, String name, String data, Instant publishedAt,
        Integer productVersion, String rejectedReason) {

    static final int MAX_NAME = 128;

    private static final int MAX_REASON = 500;

    /** One digest per thread (the SSE reader, webhook threads): instead of a provider lookup per event. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    });

    private static final Pattern DEVICE_ID = Pattern.compile("^[0-9a-fA-F]{24}$");

    static CheckedEvent of(IncomingEvent event) {
        String name = event.name() == null ? "" : event.name();
        String coreid = event.coreid() == null ? null : event.coreid().trim();
        boolean device = coreid != null && DEVICE_ID.matcher(coreid).matches();
        String deviceId = device ? coreid.toLowerCase() : null;
        PublishedAt published = PublishedAt.parse(event.publishedAt());
        Instant publishedAt = published == null ? null : published.instant();
        String reason = reasonToReject(event, name, coreid, device, publishedAt);
        String storedName = name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
        String key = dedupKey(name, device ? deviceId : coreid,
                published != null ? published.canonical() : event.publishedAt(), event.data());
        return new CheckedEvent(key, deviceId, storedName, event.data(), publishedAt, event.productVersion(),
                reason == null ? null : truncate(reason));
    }

    boolean valid() {
        return rejectedReason == null;
    }

    /** Event data as listeners see it: trailing spaces removed (Particle sends {@code "success "}). */
    String trimmedData() {
        return data == null ? null : data.stripTrailing();
    }

    private static String reasonToReject(IncomingEvent event, String name, String coreid, boolean device,
            Instant publishedAt) {
        if (event.malformedReason() != null) {
            return event.malformedReason();
        }
        if (name.isBlank()) {
            return "event name is missing";
        }
        if (name.length() > MAX_NAME) {
            return "event name is longer than " + MAX_NAME + " characters";
        }
        if (coreid == null || coreid.isEmpty()) {
            return "coreid is missing";
        }
        if (!device && !"api".equals(coreid) && !"particle-internal".equals(coreid)) {
            return "coreid '" + coreid + "' is neither a device id nor api/particle-internal";
        }
        if (event.publishedAt() == null || event.publishedAt().isBlank()) {
            return "published_at is missing";
        }
        if (publishedAt == null) {
            return "published_at '" + event.publishedAt() + "' is not an ISO-8601 timestamp";
        }
        return null;
    }

    static String dedupKey(String name, String coreid, String publishedAt, String data) {
        MessageDigest sha = SHA_256.get(); // digest() below leaves it reset for the next key
        for (String part : new String[] { name, coreid, publishedAt, data }) {
            sha.update(part == null ? new byte[] { 1 } : ("=" + part).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String truncate(String reason) {
        return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON - 1) + "…" : reason;
    }

}
