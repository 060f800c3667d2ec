package dev.fleetota.particle;

/** Particle (429/529) or the client-side limiter refused the call; try again later. */
public class ParticleRateLimitedException extends ParticleApiException {

    public ParticleRateLimitedException(String message, int status, String particleError) {
        super(message, status, particleError);
    }

    public ParticleRateLimitedException(String message, int status, String particleError, Throwable cause) {
        super(message, status, particleError, cause);
    }

}
