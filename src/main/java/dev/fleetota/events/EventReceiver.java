package dev.fleetota.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Hands events from the stream and the webhook to {@link DeviceEventIntake} without ever letting one break the
 * caller: when processing fails (a listener threw, the intake transaction rolled back) the event is kept as rejected
 * in a transaction of its own; only when even that fails is it lost (logged, repaired by reconciliation).
 */
@Component
class EventReceiver {

    private static final Logger log = LoggerFactory.getLogger(EventReceiver.class);

    private final DeviceEventIntake intake;

    private final EventEnvelopes envelopes = new EventEnvelopes();

    EventReceiver(DeviceEventIntake intake) {
        this.intake = intake;
    }

    EventEnvelopes envelopes() {
        return envelopes;
    }

    IntakeResult receiveFromStream(String eventName, String envelope) {
        return receive(envelopes.fromStream(eventName, envelope), EventSource.SSE);
    }

    IntakeResult receive(IncomingEvent event, EventSource source) {
        try {
            return intake.accept(event, source);
        }
        catch (RuntimeException ex) {
            String reason = ex.getClass().getSimpleName();
            log.warn("Processing {} event '{}' failed ({}); keeping it as rejected", source, event.name(), reason, ex);
            try {
                return intake.keepFailed(event, source, reason);
            }
            catch (RuntimeException again) {
                log.error("Could not store {} event '{}' from {}; it is lost until reconciliation", source,
                        event.name(), event.coreid(), again);
                return new IntakeResult(null, false, false, "not stored: " + reason);
            }
        }
    }

}
