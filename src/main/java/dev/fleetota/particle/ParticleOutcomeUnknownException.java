package dev.fleetota.particle;

/**
 * A call that must not be sent twice (lock + flash, function call) reached Particle, but no definite answer came back
 * (5xx, timeout, broken connection). The command may or may not have taken effect: record it as "outcome unknown"
 * and reconcile from device state; never resend automatically.
 */
public class ParticleOutcomeUnknownException extends ParticleApiException {

    public ParticleOutcomeUnknownException(String message, int status, String particleError, Throwable cause) {
        super(message, status, particleError, cause);
    }

}
