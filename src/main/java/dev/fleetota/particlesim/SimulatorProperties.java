package dev.fleetota.particlesim;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code fleetota.simulator.*}: the in-process simulator of the default run. Enabled automatically by
 * {@link SimulatorEnvironmentPostProcessor} when no Particle access token is configured.
 *
 * @param port        0 = a free port (the post-processor picks one so the client can be pointed at it)
 * @param demoFaults  assign failure behaviours to the demo fleet with small probabilities
 */
@Validated
@ConfigurationProperties("fleetota.simulator")
public record SimulatorProperties(@DefaultValue("false") boolean enabled, @DefaultValue("127.0.0.1") String host,
        @DefaultValue("0") @PositiveOrZero int port, @DefaultValue("300") @PositiveOrZero int demoDevices,
        @DefaultValue("20") @Positive double timeScale, @DefaultValue("42") long seed, String accessToken,
        @DefaultValue("30301") @Positive int productId, @DefaultValue("fleet-ota-sim") String productSlug,
        @DefaultValue("true") boolean demoFaults, @DefaultValue("false") boolean strict) {

    SimulatorSettings toSettings() {
        return SimulatorSettings.builder().host(host).port(port).seed(seed).timeScale(timeScale)
                .productId(productId).productSlug(productSlug).accessToken(blankToNull(accessToken)).strict(strict)
                .faultProbabilities(demoFaults ? SimulatorSettings.FaultProbabilities.DEMO
                        : SimulatorSettings.FaultProbabilities.NONE)
                .build();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        return "SimulatorProperties[enabled=" + enabled + ", host=" + host + ", port=" + port + ", demoDevices="
                + demoDevices + ", timeScale=" + timeScale + ", seed=" + seed + ", accessToken=***, productId="
                + productId + ", productSlug=" + productSlug + ", demoFaults=" + demoFaults + ", strict=" + strict
                + "]";
    }

}
