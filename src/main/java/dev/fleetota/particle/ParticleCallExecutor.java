package dev.fleetota.particle;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;

import dev.fleetota.particle.ParticleRateLimiter.RateLimitWaitException;
import dev.fleetota.particle.ParticleRequestInterceptor.SendTracker;
import dev.fleetota.particle.RetryPolicy.Mode;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Particle call: attempts, retries per the call's {@link Mode}, maps failures to typed exceptions, records
 * metrics. Returns the response body of the successful attempt.
 */
final class ParticleCallExecutor {

    private static final Logger log = LoggerFactory.getLogger(ParticleCallExecutor.class);

    private static final int MAX_ERROR_TEXT = 300;

    private final OkHttpClient http;

    private final RetryPolicy retry;

    private final ParticleJson json;

    private final ParticleCallMetrics metrics;

    private final String token;

    ParticleCallExecutor(OkHttpClient http, RetryPolicy retry, ParticleJson json, ParticleCallMetrics metrics,
            String token) {
        this.http = http;
        this.retry = retry;
        this.json = json;
        this.metrics = metrics;
        this.token = token == null || token.isBlank() ? null : token.trim();
    }

    /** A successful answer: HTTP status and body text. */
    record Answer(int status, String body) {
    }

    Answer execute(ParticleCall call, Request request) {
        for (int attempt = 0;; attempt++) {
            Attempt result = attempt(call, request, attempt);
            if (result.answer() != null) {
                return result.answer();
            }
            pause(call, attempt, result.retryAfter(), result.retryReason());
        }
    }

    /** Either the answer, or why (and after how long at least) to try again. */
    private record Attempt(Answer answer, Duration retryAfter, String retryReason) {
    }

    private Attempt attempt(ParticleCall call, Request request, int attempt) {
        SendTracker tracker = new SendTracker();
        long started = System.nanoTime();
        try (Response response = http.newCall(request.newBuilder().tag(SendTracker.class, tracker).build())
            .execute()) {
            return answer(call, response, attempt, started);
        }
        catch (RateLimitWaitException ex) {
            metrics.record(call, "rate_limited", 0, System.nanoTime() - started);
            throw new ParticleRateLimitedException(message(call, 0, ex.getMessage()), 0, null);
        }
        catch (IOException ex) {
            boolean interrupted = ex instanceof InterruptedIOException && Thread.currentThread().isInterrupted();
            if (!interrupted && retry.retryIoError(call.mode(), attempt, tracker.sent())) {
                metrics.record(call, "io_error", 0, System.nanoTime() - started);
                return new Attempt(null, null, "io-error");
            }
            throw ioFailure(call, ex, tracker.sent(), started);
        }
    }

    private Attempt answer(ParticleCall call, Response response, int attempt, long started) throws IOException {
        String body = response.body().string();
        int status = response.code();
        if (response.isSuccessful()) {
            metrics.record(call, "success", status, System.nanoTime() - started);
            return new Attempt(new Answer(status, body), null, null);
        }
        if (retry.retryStatus(call.mode(), attempt, status)) {
            metrics.record(call, outcomeOf(status), status, System.nanoTime() - started);
            Duration retryAfter = RetryPolicy.parseRetryAfter(response.header("Retry-After"), Instant.now());
            return new Attempt(null, retryAfter, "http-" + status);
        }
        throw failed(call, status, body, started);
    }

    private ParticleApiException failed(ParticleCall call, int status, String body, long started) {
        String text = redact(json.errorText(body));
        String message = message(call, status, text);
        boolean unknown = call.mode() != Mode.IDEMPOTENT && (status >= 500 || status == 408)
                && !RetryPolicy.isRateLimited(status);
        String outcome = unknown ? "outcome_unknown" : outcomeOf(status);
        metrics.record(call, outcome, status, System.nanoTime() - started);
        if (unknown) {
            return new ParticleOutcomeUnknownException(message, status, text, null);
        }
        if (status == 401) {
            return new ParticleUnauthorizedException(message, status, text);
        }
        if (status == 404 || (status == 403 && call.deviceRoute())) {
            return new ParticleNotFoundException(message, status, text);
        }
        if (RetryPolicy.isRateLimited(status)) {
            return new ParticleRateLimitedException(message, status, text);
        }
        if (status >= 500) {
            return new ParticleServerException(message, status, text);
        }
        return new ParticleApiException(message, status, text);
    }

    private ParticleApiException ioFailure(ParticleCall call, IOException ex, boolean sent, long started) {
        String reason = ex.getClass().getSimpleName();
        if (call.mode() != Mode.IDEMPOTENT && sent) {
            metrics.record(call, "outcome_unknown", 0, System.nanoTime() - started);
            return new ParticleOutcomeUnknownException(
                    message(call, 0, "no answer after the request was sent (" + reason + ")"), 0, null, ex);
        }
        metrics.record(call, "io_error", 0, System.nanoTime() - started);
        return new ParticleServerException(message(call, 0, "Particle Cloud unreachable (" + reason + ")"), 0, null,
                ex);
    }

    private void pause(ParticleCall call, int attempt, Duration retryAfter, String reason) {
        metrics.retry(call, reason);
        Duration delay = retry.delay(attempt, retryAfter);
        log.debug("Particle {} retry {} after {} ms ({})", call.label(), attempt + 1, delay.toMillis(), reason);
        try {
            Thread.sleep(delay.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ParticleApiException(message(call, 0, "interrupted while backing off"), 0, null, ex);
        }
    }

    private static String outcomeOf(int status) {
        if (status == 401) {
            return "unauthorized";
        }
        if (status == 403 || status == 404) {
            return "not_found";
        }
        if (RetryPolicy.isRateLimited(status)) {
            return "rate_limited";
        }
        return status >= 500 ? "server_error" : "client_error";
    }

    private static String message(ParticleCall call, int status, String detail) {
        String head = "Particle " + call.label() + " failed" + (status > 0 ? " with HTTP " + status : "");
        return detail == null || detail.isBlank() ? head : head + ": " + detail;
    }

    /** Particle's error text is echoed into messages; make sure it can never carry the token. */
    private String redact(String text) {
        if (text == null) {
            return null;
        }
        String clean = token == null ? text : text.replace(token, "******");
        return clean.length() > MAX_ERROR_TEXT ? clean.substring(0, MAX_ERROR_TEXT) + "…" : clean;
    }

}
