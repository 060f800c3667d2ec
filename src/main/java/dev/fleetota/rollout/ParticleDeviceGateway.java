package dev.fleetota.rollout;

import java.util.Optional;

import dev.fleetota.particle.FunctionResult;
import dev.fleetota.particle.ParticleApiException;
import dev.fleetota.particle.ParticleClient;
import dev.fleetota.particle.ParticleDevice;
import dev.fleetota.particle.ParticleOutcomeUnknownException;
import dev.fleetota.particle.ParticleRateLimitedException;
import dev.fleetota.particle.ParticleServerException;
import dev.fleetota.particle.ParticleUnauthorizedException;

import org.springframework.stereotype.Component;

/** {@link DeviceGateway} on the Particle Cloud API: maps the client's typed errors to engine outcomes. */
@Component
class ParticleDeviceGateway implements DeviceGateway {

    private final ParticleClient particle;

    ParticleDeviceGateway(ParticleClient particle) {
        this.particle = particle;
    }

    @Override
    public SendOutcome lockAndFlash(String deviceId, int firmwareVersion, boolean forceUpdates) {
        try {
            if (forceUpdates) {
                particle.setForceUpdates(deviceId, true);
            }
            particle.lockAndFlash(deviceId, firmwareVersion);
            return SendOutcome.accepted();
        }
        catch (RuntimeException ex) {
            return outcomeOf(ex);
        }
    }

    @Override
    public SendOutcome callHook(String deviceId, PreUpdateHook hook) {
        try {
            FunctionResult result = particle.callFunction(deviceId, hook.function(), hook.argument());
            if (result.returnValue() != null && result.returnValue().equals(hook.expectedReturnValue())) {
                return SendOutcome.accepted();
            }
            return new SendOutcome(SendOutcome.Kind.REJECTED, "function " + hook.function() + " returned "
                    + result.returnValue() + ", expected " + hook.expectedReturnValue());
        }
        catch (RuntimeException ex) {
            SendOutcome outcome = outcomeOf(ex);
            // a function call that may have run is still not a confirmed success: do not flash
            return outcome.kind() == SendOutcome.Kind.UNKNOWN
                    ? new SendOutcome(SendOutcome.Kind.REJECTED, outcome.detail()) : outcome;
        }
    }

    @Override
    public Optional<ParticleDevice> fetch(String deviceId) {
        try {
            return Optional.of(particle.getDevice(deviceId));
        }
        catch (ParticleApiException ex) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<DeviceReading> read(String deviceId) {
        return fetch(deviceId).map(d -> new DeviceReading(Boolean.TRUE.equals(d.online()), d.safeMode(),
                d.firmwareVersion(), d.systemFirmwareVersion()));
    }

    private static SendOutcome outcomeOf(RuntimeException ex) {
        if (ex instanceof ParticleOutcomeUnknownException) {
            return new SendOutcome(SendOutcome.Kind.UNKNOWN, ex.getMessage());
        }
        if (ex instanceof ParticleRateLimitedException || ex instanceof ParticleUnauthorizedException
                || (ex instanceof ParticleServerException server && server.status() == 0)) {
            // not processed (or our token is broken): keep the command queued; its deadline bounds the wait
            return new SendOutcome(SendOutcome.Kind.RETRY_LATER, ex.getMessage());
        }
        if (ex instanceof ParticleApiException) {
            return new SendOutcome(SendOutcome.Kind.REJECTED, ex.getMessage());
        }
        return new SendOutcome(SendOutcome.Kind.UNKNOWN, ex.getClass().getSimpleName());
    }

}
