package dev.fleetota.events;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.stereotype.Component;

/**
 * Hands events from the stream and the webhook to the {@link IntakeWriter} without ever letting one break the
 * caller. Stream events are queued (the reader goes on at once; it waits only while the queue is full); a webhook
 * delivery waits until its event is committed, stored and applied, so a 200 is only sent for an event that is safe.
 */
@Component
class EventReceiver {

    private final IntakeWriter writer;

    private final EventEnvelopes envelopes = new EventEnvelopes();

    EventReceiver(IntakeWriter writer) {
        this.writer = writer;
    }

    EventEnvelopes envelopes() {
        return envelopes;
    }

    void receiveFromStream(String eventName, String envelope) {
        writer.submit(envelopes.fromStream(eventName, envelope), EventSource.SSE);
    }

    /**
     * Stores and applies the event and returns once that committed; a result with {@code stored} false and no id
     * when it could not be stored, or was not committed within {@code fleetota.events.intake.webhook-wait}.
     */
    IntakeResult receive(IncomingEvent event, EventSource source) {
        try {
            return writer.submit(event, source).get(writer.settings().webhookWait().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return notStored("interrupted");
        }
        catch (TimeoutException ex) {
            return notStored("not committed within " + writer.settings().webhookWait());
        }
        catch (ExecutionException ex) {
            return notStored(ex.getCause().getClass().getSimpleName());
        }
    }

    private static IntakeResult notStored(String reason) {
        return new IntakeResult(null, false, false, "not stored: " + reason);
    }

}
