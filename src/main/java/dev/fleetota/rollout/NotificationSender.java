package dev.fleetota.rollout;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import static dev.fleetota.rollout.DeviceUpdateTransitions.ts;

/** Delivers queued notifications as JSON POSTs to the configured URL, with exponential backoff. */
@Component
class NotificationSender {

    private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);

    private final JdbcTemplate jdbc;

    private final RolloutProperties properties;

    private final Clock clock;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    NotificationSender(JdbcTemplate jdbc, RolloutProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    record Pending(long id, String payload, int attempts) {
    }

    @Scheduled(fixedDelayString = "${fleetota.rollout.notification-interval:PT1S}")
    void deliverDue() {
        if (properties.notificationUrl() == null) {
            return;
        }
        List<Pending> due = jdbc.query("""
                UPDATE notification SET next_attempt_at = ? WHERE id IN (
                    SELECT id FROM notification WHERE status = 'PENDING' AND next_attempt_at <= ?
                    ORDER BY id LIMIT 20 FOR UPDATE SKIP LOCKED)
                RETURNING id, payload::text, attempts
                """, (rs, i) -> new Pending(rs.getLong(1), rs.getString(2), rs.getInt(3)),
                ts(clock.instant().plusSeconds(60)), ts(clock.instant()));
        due.forEach(this::deliver);
    }

    private void deliver(Pending n) {
        String error = post(n.payload());
        Instant now = clock.instant();
        if (error == null) {
            jdbc.update("UPDATE notification SET status = 'SENT', sent_at = ?, attempts = attempts + 1 WHERE id = ?",
                    ts(now), n.id());
            return;
        }
        int attempts = n.attempts() + 1;
        boolean giveUp = attempts >= properties.notificationMaxAttempts();
        long backoff = Math.min(3600, (long) Math.pow(2, attempts));
        jdbc.update("""
                UPDATE notification SET attempts = ?, last_error = ?, status = ?, next_attempt_at = ? WHERE id = ?
                """, attempts, DeviceUpdateTransitions.truncate(error, 500), giveUp ? "FAILED" : "PENDING",
                ts(now.plusSeconds(backoff)), n.id());
        if (giveUp) {
            log.warn("Notification {} given up after {} attempts: {}", n.id(), attempts, error);
        }
    }

    private String post(String payload) {
        try {
            HttpRequest request = HttpRequest.newBuilder(properties.notificationUrl())
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload))
                .build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? null : "HTTP " + status;
        }
        catch (IOException ex) {
            return ex.getClass().getSimpleName() + ": " + ex.getMessage();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

}
