-- Every stored event updates its device row (last heard, online, versions), none of them an indexed column, so
-- PostgreSQL can update the row in place (a HOT update: no new entry in the five indexes, GIN tags included, and
-- less for vacuum to clean) when the row's page has room. At the default fillfactor 100 the device sync fills every
-- page and almost no update was HOT (13 of 23,400 in an ingest run); with 70, 109,110 of 110,000 were
-- (bench/run-ingest.sh 1000 100000 10000 64, 2026-12-07). Ingest throughput did not change in that run (15,600-15,800
-- vs 16,900 events/s, within run-to-run noise): the gain is index and table bloat under a steady event stream.
-- New pages keep 30 % free from now on; existing pages get the room when rewritten (VACUUM FULL device).
ALTER TABLE device SET (fillfactor = 70);
