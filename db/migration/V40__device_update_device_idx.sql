-- The event intake's tracker looks up a device's in-flight update by device_id for every event. The partial unique
-- index device_update_in_flight_uk does not cover claimed PENDING rows, so without this index PostgreSQL's generic
-- plan OR-ed it with a scan of every PENDING row of the rollout: ~40 ms per event at 100k devices (docs/benchmarks.md).
CREATE INDEX device_update_device_idx ON device_update (device_id);
