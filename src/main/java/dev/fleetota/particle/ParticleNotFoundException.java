package dev.fleetota.particle;

/** The device or resource does not exist or is not visible to the token (404, or 403 on a device route). */
public class ParticleNotFoundException extends ParticleApiException {

    public ParticleNotFoundException(String message, int status, String particleError) {
        super(message, status, particleError);
    }

    public ParticleNotFoundException(String message, int status, String particleError, Throwable cause) {
        super(message, status, particleError, cause);
    }

}
