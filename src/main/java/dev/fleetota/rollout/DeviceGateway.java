package dev.fleetota.rollout;

import java.util.Optional;

/**
 * What the engine asks of the Particle Cloud, as outcomes instead of exceptions. The seam between the engine and
 * {@code ParticleClient}; implemented by {@link ParticleDeviceGateway}.
 */
interface DeviceGateway {

    /** Lock the device to the product firmware version and flash now (force-enabling updates first if asked). */
    SendOutcome lockAndFlash(String deviceId, int firmwareVersion, boolean forceUpdates);

    /** Call the pre-update cloud function; true when it returned the expected value. */
    SendOutcome callHook(String deviceId, PreUpdateHook hook);

    /** The device as the cloud describes it now (preflight), empty when it could not be read. */
    Optional<dev.fleetota.particle.ParticleDevice> fetch(String deviceId);

    /** One read of the device from the cloud, empty when it could not be read now. */
    Optional<DeviceReading> read(String deviceId);

    /** The outcome of a command. */
    record SendOutcome(Kind kind, String detail) {

        enum Kind {
            /** Particle accepted it. */
            ACCEPTED,
            /** Particle refused it (4xx) or the hook said no: it did not happen. */
            REJECTED,
            /** Not processed because of rate limiting or a connection that never opened: safe to send later. */
            RETRY_LATER,
            /** It may or may not have happened (5xx, timeout): never resend. */
            UNKNOWN
        }

        static SendOutcome accepted() {
            return new SendOutcome(Kind.ACCEPTED, null);
        }

    }

    /** What one read of the device says about the running firmware. */
    record DeviceReading(boolean online, boolean safeMode, Integer firmwareVersion, String systemFirmwareVersion) {
    }

}
