package dev.fleetota.particle;

/** Particle answered with a server error (5xx) or could not be reached, after any retries. */
public class ParticleServerException extends ParticleApiException {

    public ParticleServerException(String message, int status, String particleError) {
        super(message, status, particleError);
    }

    public ParticleServerException(String message, int status, String particleError, Throwable cause) {
        super(message, status, particleError, cause);
    }

}
