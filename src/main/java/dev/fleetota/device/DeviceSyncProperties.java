package dev.fleetota.device;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Device sync from the Particle product.
 *
 * @param interval time between periodic syncs
 * @param reconnectDebounce least time between two syncs after event-stream (re)connects: the first sync runs at once,
 * a burst of reconnects gets one more
 * @param batchSize devices per upsert statement
 * @param particleIccidPrefixes ICCID prefixes of Particle's own SIMs; other SIMs of cellular devices are third-party.
 * Defaults: {@code 89340765} Telefónica (Particle SIM, Gen 2), {@code 8901410} Kore/AT&amp;T and {@code 89314404}
 * Kore/Vodafone (Particle SIMs of Gen 2 LTE and Gen 3), {@code 8988307}, {@code 8988323} and {@code 8910392}
 * (Particle EtherSIM = Twilio/KORE Super SIM). See docs/particle.md for sources and caveats.
 */
@Validated
@ConfigurationProperties("fleetota.sync")
record DeviceSyncProperties(@DefaultValue("PT15M") @NotNull Duration interval,
        @DefaultValue("PT10S") @NotNull Duration reconnectDebounce,
        @DefaultValue("1000") @Min(1) @Max(5000) int batchSize,
        @DefaultValue({ "89340765", "8901410", "89314404", "8988307", "8988323", "8910392" }) List<String> particleIccidPrefixes) {

    /** SIM kind column value: PARTICLE by ICCID prefix, THIRD_PARTY for any other cellular SIM, NONE otherwise. */
    String simKind(boolean cellular, String iccid) {
        String normalized = iccid == null ? "" : iccid.trim();
        if (!normalized.isEmpty() && particleIccidPrefixes.stream().anyMatch(p -> normalized.startsWith(p.trim()))) {
            return "PARTICLE";
        }
        return cellular || !normalized.isEmpty() ? "THIRD_PARTY" : "NONE";
    }

}
