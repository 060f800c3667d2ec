package dev.fleetota.rollout;

import org.springframework.jdbc.core.JdbcTemplate;

/** Rows for engine tests that start from a given state instead of driving a rollout there through the API. */
final class EngineRows {

    /** The target firmware version of {@link #rollout}. */
    static final int TARGET = 4;

    private EngineRows() {
    }

    /** A rollout of product {@code product} (firmware v{@value #TARGET}, default policy) in the given state. */
    static long rollout(JdbcTemplate jdbc, int product, String status, int currentBatch, int totalBatches) {
        long release = jdbc.queryForObject("""
                INSERT INTO firmware_release (product_id, version, device_os_version, device_os_rank, platform_ids,
                                              title)
                VALUES (?, ?, '6.1.0', 6001000, '{13}', 't') RETURNING id
                """, Long.class, product, TARGET);
        return jdbc.queryForObject("""
                INSERT INTO rollout (name, firmware_release_id, product_id, target_firmware_version, target_device_os,
                                     target_device_os_rank, target_platform_ids, cohort_ids, status, policy,
                                     created_by, current_batch, total_batches)
                VALUES ('engine', ?, ?, ?, '6.1.0', 6001000, '{13}', '{1}', ?, ?::jsonb, 'test', ?, ?) RETURNING id
                """, Long.class, release, product, TARGET, status, RolloutJson.write(RolloutPolicy.defaults()),
                currentBatch, totalBatches);
    }

}
