-- When each event-driven device field was last observed (Particle's published_at, or the start of a sync), so a
-- duplicate or out-of-order event never moves device state backwards. Written by dev.fleetota.device.DeviceEventApplier
-- and DeviceSyncService.
ALTER TABLE device
    ADD COLUMN online_changed_at     timestamptz,
    ADD COLUMN safe_mode_changed_at  timestamptz,
    ADD COLUMN firmware_reported_at  timestamptz,
    ADD COLUMN last_reset_at         timestamptz,
    ADD COLUMN app_hash_at           timestamptz,
    ADD COLUMN updates_enabled_at    timestamptz,
    ADD COLUMN updates_forced_at     timestamptz;
