package dev.fleetota.particlesim;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything that shapes one simulator instance. Build with {@link #builder()}; unspecified values take the
 * defaults documented in docs/simulator.md. The access token never appears in {@link #toString()}.
 *
 * @param timeScale every simulated duration (transfer, reboot, heal, offline lag) is divided by this factor
 * @param strict    no stream realism (duplicates, reordering, ttl strings, missing trailing spaces)
 */
public record SimulatorSettings(String host, int port, int productId, String productSlug, String accessToken,
        long seed, double timeScale, boolean strict, Realism realism, RateLimits rateLimits,
        Duration keepAliveInterval, int httpThreads, int schedulerThreads, int defaultPerPage, int maxPerPage,
        boolean omitNullDesiredFirmware, boolean listIncludesStatus, FaultProbabilities faultProbabilities,
        int nightStartHour, int nightEndHour, int timelineCapacity, boolean requireRunBeforeRelease,
        List<String> functions, int functionReturnValue, boolean healerSkipsGen2Cellular,
        Duration cellularOfflineLag, Duration wifiOfflineLag, Clock clock) {

    public SimulatorSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(productSlug, "productSlug");
        Objects.requireNonNull(realism, "realism");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(faultProbabilities, "faultProbabilities");
        Objects.requireNonNull(clock, "clock");
        if (!(timeScale > 0)) {
            throw new IllegalArgumentException("timeScale must be > 0");
        }
        functions = List.copyOf(functions);
    }

    /** Probabilities of §13.5 stream irregularities (per event). All zero in strict mode. */
    public record Realism(double duplicate, double outOfOrder, double ttlAsString, double missingTrailingSpace) {

        public static final Realism NONE = new Realism(0, 0, 0, 0);

        public static final Realism DEFAULT = new Realism(0.01, 0.02, 0.05, 0.02);
    }

    /** Particle's per-client-IP limits (§3); lower them to make benchmarks saturate them. */
    public record RateLimits(Duration window, int requestsPerWindow, int sseOpensPerWindow, int sseMaxConcurrent) {

        public static final RateLimits PARTICLE = new RateLimits(Duration.ofMinutes(5), 10_000, 100, 100);
    }

    /** Probability that a seeded device gets each failure behaviour (drawn from its own seeded Random). */
    public record FaultProbabilities(double flashFails, double neverStarts, double powerLossInSafeMode,
            double healerLoop, double healerStuck, double comesBackOld, double offlineAtNight, double slowLink) {

        public static final FaultProbabilities NONE = new FaultProbabilities(0, 0, 0, 0, 0, 0, 0, 0);

        /** A few of everything: what the demo fleet uses. */
        public static final FaultProbabilities DEMO =
                new FaultProbabilities(0.02, 0.01, 0.02, 0.005, 0.005, 0.01, 0.03, 0.05);
    }

    /** Stream keep-alive: configured, else Particle's ~10 s divided by the time scale (at least 50 ms). */
    public Duration effectiveKeepAlive() {
        if (keepAliveInterval != null) {
            return keepAliveInterval;
        }
        return Duration.ofMillis(Math.max(50, Math.round(10_000 / timeScale)));
    }

    /** Realism actually applied: none in strict mode. */
    public Realism effectiveRealism() {
        return strict ? Realism.NONE : realism;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public String toString() {
        return "SimulatorSettings[host=" + host + ", port=" + port + ", productId=" + productId + ", productSlug="
                + productSlug + ", accessToken=***, seed=" + seed + ", timeScale=" + timeScale + ", strict=" + strict
                + ", rateLimits=" + rateLimits + ", faultProbabilities=" + faultProbabilities + "]";
    }

    /** Mutable builder with the documented defaults. */
    public static final class Builder {

        private String host = "127.0.0.1";
        private int port;
        private int productId = 30301;
        private String productSlug = "fleet-ota-sim";
        private String accessToken;
        private long seed = 42;
        private double timeScale = 1;
        private boolean strict;
        private Realism realism = Realism.DEFAULT;
        private RateLimits rateLimits = RateLimits.PARTICLE;
        private Duration keepAliveInterval;
        private int httpThreads = 8;
        private int schedulerThreads = 2;
        private int defaultPerPage = 25;
        private int maxPerPage = 100;
        private boolean omitNullDesiredFirmware = true;
        private boolean listIncludesStatus = true;
        private FaultProbabilities faultProbabilities = FaultProbabilities.NONE;
        private int nightStartHour;
        private int nightEndHour = 5;
        private int timelineCapacity = 64;
        private boolean requireRunBeforeRelease = true;
        private List<String> functions = List.of("prepareOta");
        private int functionReturnValue = 1;
        private boolean healerSkipsGen2Cellular;
        private Duration cellularOfflineLag = Duration.ofMinutes(46);
        private Duration wifiOfflineLag = Duration.ofSeconds(50);
        private Clock clock = Clock.systemUTC();

        Builder() {
        }

        Builder(SimulatorSettings s) {
            host = s.host;
            port = s.port;
            productId = s.productId;
            productSlug = s.productSlug;
            accessToken = s.accessToken;
            seed = s.seed;
            timeScale = s.timeScale;
            strict = s.strict;
            realism = s.realism;
            rateLimits = s.rateLimits;
            keepAliveInterval = s.keepAliveInterval;
            httpThreads = s.httpThreads;
            schedulerThreads = s.schedulerThreads;
            defaultPerPage = s.defaultPerPage;
            maxPerPage = s.maxPerPage;
            omitNullDesiredFirmware = s.omitNullDesiredFirmware;
            listIncludesStatus = s.listIncludesStatus;
            faultProbabilities = s.faultProbabilities;
            nightStartHour = s.nightStartHour;
            nightEndHour = s.nightEndHour;
            timelineCapacity = s.timelineCapacity;
            requireRunBeforeRelease = s.requireRunBeforeRelease;
            functions = s.functions;
            functionReturnValue = s.functionReturnValue;
            healerSkipsGen2Cellular = s.healerSkipsGen2Cellular;
            cellularOfflineLag = s.cellularOfflineLag;
            wifiOfflineLag = s.wifiOfflineLag;
            clock = s.clock;
        }

        public Builder host(String value) { host = value; return this; }
        public Builder port(int value) { port = value; return this; }
        public Builder productId(int value) { productId = value; return this; }
        public Builder productSlug(String value) { productSlug = value; return this; }
        public Builder accessToken(String value) { accessToken = value; return this; }
        public Builder seed(long value) { seed = value; return this; }
        public Builder timeScale(double value) { timeScale = value; return this; }
        public Builder strict(boolean value) { strict = value; return this; }
        public Builder realism(Realism value) { realism = value; return this; }
        public Builder rateLimits(RateLimits value) { rateLimits = value; return this; }
        public Builder keepAliveInterval(Duration value) { keepAliveInterval = value; return this; }
        public Builder httpThreads(int value) { httpThreads = value; return this; }
        public Builder schedulerThreads(int value) { schedulerThreads = value; return this; }
        public Builder defaultPerPage(int value) { defaultPerPage = value; return this; }
        public Builder maxPerPage(int value) { maxPerPage = value; return this; }
        public Builder omitNullDesiredFirmware(boolean value) { omitNullDesiredFirmware = value; return this; }
        public Builder listIncludesStatus(boolean value) { listIncludesStatus = value; return this; }
        public Builder faultProbabilities(FaultProbabilities value) { faultProbabilities = value; return this; }
        public Builder nightHours(int startHour, int endHour) {
            nightStartHour = startHour;
            nightEndHour = endHour;
            return this;
        }
        public Builder timelineCapacity(int value) { timelineCapacity = value; return this; }
        public Builder requireRunBeforeRelease(boolean value) { requireRunBeforeRelease = value; return this; }
        public Builder functions(List<String> value) { functions = value; return this; }
        public Builder functionReturnValue(int value) { functionReturnValue = value; return this; }
        public Builder healerSkipsGen2Cellular(boolean value) { healerSkipsGen2Cellular = value; return this; }
        public Builder cellularOfflineLag(Duration value) { cellularOfflineLag = value; return this; }
        public Builder wifiOfflineLag(Duration value) { wifiOfflineLag = value; return this; }
        public Builder clock(Clock value) { clock = value; return this; }

        public SimulatorSettings build() {
            return new SimulatorSettings(host, port, productId, productSlug, accessToken, seed, timeScale, strict,
                    realism, rateLimits, keepAliveInterval, httpThreads, schedulerThreads, defaultPerPage, maxPerPage,
                    omitNullDesiredFirmware, listIncludesStatus, faultProbabilities, nightStartHour, nightEndHour,
                    timelineCapacity, requireRunBeforeRelease, functions, functionReturnValue,
                    healerSkipsGen2Cellular, cellularOfflineLag, wifiOfflineLag, clock);
        }

    }

}
