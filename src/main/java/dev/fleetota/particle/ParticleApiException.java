package dev.fleetota.particle;

/**
 * A Particle Cloud call failed. {@link #status()} is the HTTP status (0 when no response arrived) and
 * {@link #particleError()} the error text from Particle's body ({@code error_description}, {@code error} or
 * {@code errors[0]}). Messages never contain the access token.
 */
public class ParticleApiException extends RuntimeException {

    private final int status;

    private final String particleError;

    public ParticleApiException(String message, int status, String particleError) {
        super(message);
        this.status = status;
        this.particleError = particleError;
    }

    public ParticleApiException(String message, int status, String particleError, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.particleError = particleError;
    }

    public int status() {
        return status;
    }

    /** Particle's own error text, or null when the body carried none. */
    public String particleError() {
        return particleError;
    }

}
