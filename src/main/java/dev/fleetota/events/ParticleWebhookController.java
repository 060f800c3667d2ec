package dev.fleetota.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Target of a Particle webhook integration (§12). Anonymous for Spring Security; authenticated here by the shared
 * secret in {@value #SECRET_HEADER}, compared in constant time. Answers 200 only after the event's transaction
 * committed (stored and applied; group commit with concurrent deliveries, see {@link IntakeWriter}), and 503 when it
 * could not be stored, so Particle delivers it again. Accepts
 * Particle's default form body and JSON bodies; the JSON is read tolerantly (templates may add fields).
 */
@RestController
class ParticleWebhookController {

    static final String SECRET_HEADER = "X-Fleetota-Webhook-Secret";

    private static final String PATH = "/api/v1/particle/webhook";

    /** Same base as {@code api.ProblemTypes} (events may not depend on the api module). */
    private static final String PROBLEMS = "https://fleet-ota.dev/problems/";

    private final ParticleEndpoint endpoint;

    private final EventReceiver receiver;

    ParticleWebhookController(ParticleEndpoint endpoint, EventReceiver receiver) {
        this.endpoint = endpoint;
        this.receiver = receiver;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Object> form(@RequestHeader(name = SECRET_HEADER, required = false) String secret,
            @RequestParam MultiValueMap<String, String> form) {
        ResponseEntity<Object> refused = refusal(secret);
        return refused != null ? refused : stored(receiver.envelopes().fromWebhookForm(form));
    }

    @PostMapping(path = PATH, consumes = { MediaType.APPLICATION_JSON_VALUE, "application/*+json" })
    ResponseEntity<Object> json(@RequestHeader(name = SECRET_HEADER, required = false) String secret,
            @RequestBody(required = false) String body) {
        ResponseEntity<Object> refused = refusal(secret);
        return refused != null ? refused : stored(receiver.envelopes().fromWebhookJson(body));
    }

    private ResponseEntity<Object> stored(IncomingEvent event) {
        IntakeResult result = receiver.receive(event, EventSource.WEBHOOK);
        if (result.eventId() == null && !result.duplicate()) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "event-not-stored", "Event not stored",
                    "The event could not be stored (" + result.rejectedReason() + "); deliver it again.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stored", result.stored());
        body.put("duplicate", result.duplicate());
        if (result.rejectedReason() != null) {
            body.put("rejectedReason", result.rejectedReason());
        }
        return ResponseEntity.ok(body);
    }

    private ResponseEntity<Object> refusal(String secret) {
        if (!endpoint.webhookConfigured()) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "webhook-not-configured", "Webhook not configured",
                    "No webhook secret is configured (PARTICLE_WEBHOOK_SECRET); deliveries are refused.");
        }
        if (secret == null || !sameSecret(endpoint.webhookSecret(), secret)) {
            return problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                    "Missing or wrong " + SECRET_HEADER + " header.");
        }
        return null;
    }

    /** Constant time for any input: both sides are hashed to equal length before {@link MessageDigest#isEqual}. */
    static boolean sameSecret(String expected, String given) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] a = sha.digest(expected.getBytes(StandardCharsets.UTF_8));
            byte[] b = sha.digest(given.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(a, b);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(PROBLEMS + slug));
        problem.setTitle(title);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

}
