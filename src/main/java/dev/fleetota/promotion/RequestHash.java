package dev.fleetota.promotion;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The idempotency fingerprint of a request: SHA-256 (hex) of its canonical form serialized as JSON with sorted
 * properties and no whitespace. Whitespace, key order, omitted defaults and platform-id order do not change it.
 */
final class RequestHash {

    private static final JsonMapper CANONICAL = JsonMapper.builder()
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .build();

    private RequestHash() {
    }

    static String of(PromotionRequest request) {
        byte[] json = CANONICAL.writeValueAsString(request.canonical()).getBytes(StandardCharsets.UTF_8);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }

}
