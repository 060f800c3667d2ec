package dev.fleetota.promotion;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code promotion} table: promotion records and their idempotency keys. Runs in the caller's transaction.
 * {@link #claim} inserts the key with {@code ON CONFLICT DO NOTHING}: while another open transaction holds the same
 * key, PostgreSQL makes the insert wait for it; if that transaction commits, the claim finds its row, if it rolls
 * back, the claim inserts. So one key yields one promotion, however many requests race for it.
 */
@Component
class PromotionStore {

    private static final int CLAIM_ATTEMPTS = 3;

    private final JdbcTemplate jdbc;

    PromotionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What a claim found: a new row for this request, or the committed promotion that used the key before. */
    record Claim(long promotionId, boolean fresh, String requestHash, String response) {

    }

    Claim claim(String key, String requestHash, String actor, Instant now) {
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            List<Long> inserted = jdbc.queryForList("""
                    INSERT INTO promotion (idempotency_key, request_hash, actor, created_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (idempotency_key) DO NOTHING RETURNING id
                    """, Long.class, key, requestHash, actor, Timestamp.from(now));
            if (!inserted.isEmpty()) {
                return new Claim(inserted.get(0), true, requestHash, null);
            }
            List<Claim> existing = jdbc.query("""
                    SELECT id, request_hash, response::text FROM promotion WHERE idempotency_key = ?
                    """, (rs, i) -> new Claim(rs.getLong(1), false, rs.getString(2), rs.getString(3)), key);
            if (!existing.isEmpty()) {
                return existing.get(0);
            }
            // the key expired between the two statements: claim again
        }
        throw new IllegalStateException("Could not claim idempotency key after " + CLAIM_ATTEMPTS + " attempts");
    }

    /** A promotion without an idempotency key. */
    long insert(String requestHash, String actor, Instant now) {
        return jdbc.queryForObject("""
                INSERT INTO promotion (request_hash, actor, created_at) VALUES (?, ?, ?) RETURNING id
                """, Long.class, requestHash, actor, Timestamp.from(now));
    }

    void complete(long promotionId, long templateId, int templateVersion, long firmwareId, long rolloutId,
            String response) {
        jdbc.update("""
                UPDATE promotion SET template_id = ?, template_version = ?, firmware_release_id = ?, rollout_id = ?,
                       response = ?::jsonb
                WHERE id = ?
                """, templateId, templateVersion, firmwareId, rolloutId, response, promotionId);
    }

    /** Frees keys older than {@code before}; the promotion rows stay. Returns how many keys were freed. */
    int expireKeys(Instant before) {
        return jdbc.update("UPDATE promotion SET idempotency_key = NULL WHERE idempotency_key IS NOT NULL"
                + " AND created_at < ?", Timestamp.from(before));
    }

}
