package dev.fleetota.events;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Envelopes as §9.2 and §12 describe them, including the variations of §13.5. */
class EventEnvelopesTests {

    private final EventEnvelopes envelopes = new EventEnvelopes();

    @Test
    void aProductStreamEnvelopeIsRead() {
        IncomingEvent event = envelopes.fromStream("spark/status",
                "{\"data\":\"online\",\"ttl\":60,\"published_at\":\"2025-01-10T10:01:02.345Z\","
                        + "\"coreid\":\"e00fce68aabbccddeeff0011\",\"userid\":\"\",\"version\":3,\"public\":false,"
                        + "\"productID\":30301}");

        assertThat(event).isEqualTo(new IncomingEvent("spark/status", "online", "2025-01-10T10:01:02.345Z",
                "e00fce68aabbccddeeff0011", 3));
    }

    @Test
    void trailingSpacesInDataAreKeptAndTtlMayBeAString() {
        IncomingEvent event = envelopes.fromStream("spark/flash/status",
                "{\"data\":\"success \",\"ttl\":\"60\",\"published_at\":\"2025-01-10T10:01:05.000Z\","
                        + "\"coreid\":\"e00fce68aabbccddeeff0011\",\"version\":\"0\"}");

        assertThat(event.data()).isEqualTo("success ");
        assertThat(event.productVersion()).isZero();
        assertThat(event.malformedReason()).isNull();
    }

    @Test
    void nullOrAbsentDataIsNull() {
        IncomingEvent event = envelopes.fromStream("spark/device/safemode",
                "{\"data\":null,\"published_at\":\"2025-01-10T10:01:05.000Z\",\"coreid\":\"e00fce68aabbccddeeff0011\"}");

        assertThat(event.data()).isNull();
    }

    @Test
    void theNameInsideTheEnvelopeIsUsedWhenTheEventLineIsMissing() {
        IncomingEvent event = envelopes.fromStream(null,
                "{\"name\":\"spark/status\",\"data\":\"offline\",\"published_at\":\"2025-01-10T10:01:05.000Z\","
                        + "\"coreid\":\"e00fce68aabbccddeeff0011\"}");

        assertThat(event.name()).isEqualTo("spark/status");
    }

    @Test
    void anEnvelopeThatIsNotJsonBecomesAMalformedEvent() {
        IncomingEvent event = envelopes.fromStream("spark/status", "{\"data\":\"online\"");

        assertThat(event.malformedReason()).isEqualTo("event envelope is not a JSON object");
        assertThat(event.data()).isEqualTo("{\"data\":\"online\"");
        assertThat(event.name()).isEqualTo("spark/status");
    }

    @Test
    void aWebhookJsonBodyWithExtraFieldsAndAFirmwareVersionIsRead() {
        IncomingEvent event = envelopes.fromWebhookJson("{\"event\":\"spark/status\",\"data\":\"online\","
                + "\"published_at\":\"2025-01-10T10:01:02.345Z\",\"coreid\":\"e00fce68aabbccddeeff0011\","
                + "\"fw_version\":\"4\",\"userid\":\"abc\",\"something_new\":{\"x\":1}}");

        assertThat(event).isEqualTo(new IncomingEvent("spark/status", "online", "2025-01-10T10:01:02.345Z",
                "e00fce68aabbccddeeff0011", 4));
    }

    @Test
    void theProductVersionTemplateVariableIsAccepted() {
        IncomingEvent event = envelopes.fromWebhookJson("{\"event\":\"x\",\"PRODUCT_VERSION\":7}");

        assertThat(event.productVersion()).isEqualTo(7);
    }

    @Test
    void particlesDefaultFormBodyIsRead() {
        IncomingEvent event = envelopes.fromWebhookForm(Map.of("event", List.of("spark/status"), "data",
                List.of("online"), "published_at", List.of("2025-01-10T10:01:02.345Z"), "coreid",
                List.of("e00fce68aabbccddeeff0011")));

        assertThat(event).isEqualTo(new IncomingEvent("spark/status", "online", "2025-01-10T10:01:02.345Z",
                "e00fce68aabbccddeeff0011", null));
    }

}
