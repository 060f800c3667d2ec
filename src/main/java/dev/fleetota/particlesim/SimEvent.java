package dev.fleetota.particlesim;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One published event. Rendered lazily, once per stream flavour: product streams carry the product envelope
 * ({@code data, ttl, published_at, coreid, userid, version, public, productID}), device/sandbox streams the plain one.
 */
final class SimEvent {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final String name;
    final String data;
    final boolean ttlAsString;
    final Instant publishedAt;
    final String coreid;
    final String userid;
    final int version;
    final int productId;
    final boolean fromDevice;

    private volatile byte[] productBlock;
    private volatile byte[] plainBlock;

    SimEvent(String name, String data, boolean ttlAsString, Instant publishedAt, String coreid, String userid,
            int version, int productId, boolean fromDevice) {
        this.name = name;
        this.data = data;
        this.ttlAsString = ttlAsString;
        this.publishedAt = publishedAt;
        this.coreid = coreid;
        this.userid = userid;
        this.version = version;
        this.productId = productId;
        this.fromDevice = fromDevice;
    }

    /** The SSE block: {@code event: <name>\ndata: <envelope>\n\n}. */
    byte[] block(boolean productEnvelope) {
        if (productEnvelope) {
            byte[] b = productBlock;
            if (b == null) {
                b = render(true);
                productBlock = b;
            }
            return b;
        }
        byte[] b = plainBlock;
        if (b == null) {
            b = render(false);
            plainBlock = b;
        }
        return b;
    }

    String envelopeJson(boolean productEnvelope) {
        ObjectNode node = JSON.createObjectNode();
        node.put("data", data);
        if (ttlAsString) {
            node.put("ttl", "60");
        }
        else {
            node.put("ttl", 60);
        }
        node.put("published_at", Json.timestamp(publishedAt));
        node.put("coreid", coreid);
        if (productEnvelope) {
            node.put("userid", userid);
            node.put("version", version);
            node.put("public", false);
            node.put("productID", productId);
        }
        return JSON.writeValueAsString(node);
    }

    private byte[] render(boolean productEnvelope) {
        String block = "event: " + name + "\ndata: " + envelopeJson(productEnvelope) + "\n\n";
        return block.getBytes(StandardCharsets.UTF_8);
    }

}
