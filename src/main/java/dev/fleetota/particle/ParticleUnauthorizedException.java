package dev.fleetota.particle;

/** The access token is invalid, expired or revoked (401): retrying will not help. */
public class ParticleUnauthorizedException extends ParticleApiException {

    public ParticleUnauthorizedException(String message, int status, String particleError) {
        super(message, status, particleError);
    }

    public ParticleUnauthorizedException(String message, int status, String particleError, Throwable cause) {
        super(message, status, particleError, cause);
    }

}
